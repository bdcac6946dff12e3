import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The child vitest of harness/vitest/vitest.test.ts: only the fixture file, one worker.
export default defineConfig({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  test: {
    include: ['harness/vitest/testing/*.fixture.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
