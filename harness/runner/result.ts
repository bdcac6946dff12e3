/**
 * Turning a case outcome into the CaseResult of the report: requirement texts resolved,
 * the transcript link, and the exploitability label on findings.
 */

import { transcriptPath } from '../scenario/result-paths.ts';
import type { CaseResult } from '../scenario/results.ts';
import type { Exploitability, Scenario, Verdict } from '../scenario/types.ts';
import type { CaseOutcome } from './case-runner.ts';

const FINDINGS: ReadonlySet<Verdict> = new Set(['fail', 'warn', 'info']);

/**
 * Which finding a smuggling or injection case reports: a violated rule, and whether an
 * attacker can reach it through a conformant relay in front of the server.
 */
export function exploitabilityLabel(e: Exploitability): string {
  return e === 'exploitable-via-relay'
    ? '[finding: non-conformant, and exploitable via a conformant relay]'
    : '[finding: non-conformant only; not exploitable via a conformant relay]';
}

/** The report entry for one case. */
export function toCaseResult(
  scenario: Scenario,
  outcome: CaseOutcome,
  requirementText: ReadonlyMap<string, string>,
): CaseResult {
  let message = outcome.message;
  if (scenario.exploitability && FINDINGS.has(outcome.verdict)) {
    message = `${message} ${exploitabilityLabel(scenario.exploitability)}`;
  }
  const result: CaseResult = {
    id: scenario.id,
    title: scenario.title,
    spec: scenario.spec,
    section: scenario.section,
    level: scenario.level,
    verdict: outcome.verdict,
    message,
    durationMs: outcome.durationMs,
    transcript: transcriptPath(scenario.id),
    requirements: [...scenario.requirements],
    requirementText: scenario.requirements.map((id) => requirementText.get(id) ?? ''),
  };
  if (outcome.expected) result.expected = outcome.expected;
  if (outcome.actual !== undefined) result.actual = outcome.actual;
  if (scenario.exploitability) result.exploitability = scenario.exploitability;
  return result;
}
