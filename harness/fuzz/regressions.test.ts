// Why this test? Every file in fixtures/fuzz-regressions/ is a fuzz reproducer the
// reference MTA once failed (or a sequence that broke a planted-bug server). Each must keep
// passing, run exactly as `smtpspec run --suite FILE` would run it.
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startReferenceServer } from '../../reference-server/server.ts';
import { runSuite } from '../runner/run.ts';
import { loadSuiteFile } from '../scenario/user-suite.ts';

const DIR = fileURLToPath(new URL('../../fixtures/fuzz-regressions/', import.meta.url));
const files = (await readdir(DIR))
  .filter((f) => ['.json', '.yaml', '.yml'].includes(extname(f)))
  .sort();

describe('fuzz regressions against the reference MTA', () => {
  it('has regression files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)(
    '%s passes',
    async (file) => {
      const group = await loadSuiteFile(join(DIR, file));
      const server = await startReferenceServer({
        config: { listen: { host: '127.0.0.1', port: 0 } },
      });
      onTestFinished(() => server.stop({ graceMs: 100 }));
      const { report } = await runSuite({
        target: server.address,
        builtIn: true,
        scenarios: group.scenarios,
        concurrency: 1,
        stepTimeoutMs: 3000,
      });
      const problems = report.results
        .filter((r) => r.verdict !== 'pass')
        .map((r) => `${r.id}: ${r.verdict}: ${r.message}`);
      expect(problems).toEqual([]);
      expect(report.results).toHaveLength(group.scenarios.length);
    },
    30_000,
  );
});
