import { defineConfig } from 'vitest/config';

// Two cores on the CI machines: keep worker count small so socket-timing tests stay honest.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
