// Why this test? design.md promises that the bundled reference MTA passes every case; this
// runs the whole suites/ tree against it, so a suite or engine change that flags a
// conformant server (worse than missing a bug) fails here.
import { describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../reference-server/server.ts';
import { collectScenarios, loadBuiltInGroups, loadRegister } from '../scenario/load.ts';
import { builtInServerConfig } from './profile.ts';
import { runSuite } from './run.ts';

describe('the suites against the reference MTA', () => {
  it('produce no fail and no error', async () => {
    const scenarios = collectScenarios(await loadBuiltInGroups());
    const register = await loadRegister();
    const server = await startReferenceServer({ config: builtInServerConfig() });
    try {
      const out = await runSuite({ target: server.address, builtIn: true, scenarios, register });
      const bad = out.report.results
        .filter((r) => r.verdict === 'fail' || r.verdict === 'error')
        .map((r) => `${r.verdict} ${r.id}: ${r.message}`);
      expect(bad).toEqual([]);
      expect(out.report.summary.pass).toBeGreaterThan(0);
    } finally {
      await server.stop({ graceMs: 1000 });
    }
  }, 120_000);
});
