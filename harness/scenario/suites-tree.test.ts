// Why this test? Suites are discovered from the tree, not registered by hand, so this is
// where a duplicate id, a dangling requirement id or a malformed suite file fails the build.
import { describe, expect, it } from 'vitest';
import { unknownRequirementIds } from './coverage.ts';
import { collectScenarios, loadBuiltInGroups, loadRegister } from './load.ts';

describe('the suites/ tree', () => {
  it('loads, validates, has unique ids, and cites only registered requirements', async () => {
    const groups = await loadBuiltInGroups();
    expect(groups.length).toBeGreaterThan(0);
    const scenarios = collectScenarios(groups);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    const register = await loadRegister();
    expect(register.length).toBeGreaterThan(0);
    expect(unknownRequirementIds(register, scenarios)).toEqual([]);
  });

  it('has a register without duplicate ids', async () => {
    const ids = (await loadRegister()).map((r) => r.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
  });
});
