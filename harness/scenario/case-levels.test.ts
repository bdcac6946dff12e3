// Why this test? The grading policy (README "Grading"): a case may fail a server only for a
// MUST sentence it cites, and warn only for a SHOULD it cites. A case's level is the grade
// of its findings, so a MUST case that cites no server MUST, or a SHOULD case that cites no
// SHOULD, would accuse a server of breaking a rule the RFC does not state.
import { describe, expect, it } from 'vitest';
import { collectScenarios, loadBuiltInGroups, loadRegister } from './load.ts';
import type { Requirement, Scenario } from './types.ts';

const scenarios = collectScenarios(await loadBuiltInGroups());
const register = new Map((await loadRegister()).map((r) => [r.id, r]));

/**
 * Whether `r` can carry a case of its level. A MUST case rests on a MUST (or MUST NOT) that
 * binds the server, or on a MAY of the client: RFC 2119 §5, "An implementation which does
 * not include a particular option MUST be prepared to interoperate with another
 * implementation which does include the option". A SHOULD case rests on a SHOULD (NOT).
 */
function carries(scenario: Scenario, r: Requirement): boolean {
  const level = scenario.level;
  // A relay-through case judges the target acting as a client at the next hop ("the server
  // becomes a client", RFC 5321 §2.3.3), so the client's rules bind it there too.
  // A client case (serve-cases) judges a client: the client's rules are the ones it rests on.
  const judgesClient = scenario.relay !== undefined || scenario.client !== undefined;
  const binds = r.binds === 'server' || r.binds === 'both' || judgesClient;
  if (level === 'MUST') {
    return (binds && r.level.startsWith('MUST')) || (r.level === 'MAY' && r.binds !== 'server');
  }
  if (level === 'SHOULD') return binds && r.level.startsWith('SHOULD');
  return true;
}

describe('case levels', () => {
  it('every cited requirement exists', () => {
    const missing = scenarios.flatMap((s) =>
      s.requirements.filter((id) => !register.has(id)).map((id) => `${s.id}: ${id}`),
    );
    expect(missing).toEqual([]);
  });

  it('a MUST case cites a server MUST, a SHOULD case a server SHOULD', () => {
    const unsupported = scenarios
      .filter((s) => !s.requirements.some((id) => carries(s, register.get(id) as Requirement)))
      .map(
        (s) =>
          `${s.level} ${s.id} cites ${s.requirements.map((id) => `${id} (${register.get(id)?.level})`).join(', ')}`,
      );
    expect(unsupported).toEqual([]);
  });
});
