/**
 * The results of observer cases (a scenario with `observe`): what one rule saw in every
 * reply of the run, gathered case by case, and turned into that case's verdict once all
 * cases have ended. A violation is reported here, under the rule's own requirement ids,
 * naming the case whose transcript shows it.
 */
import { gradeOf, milder } from '../judge/grading.ts';
import type { Observation, Violation } from '../judge/observers.ts';
import type { ObserverName, Scenario, Verdict } from '../scenario/types.ts';
import type { CaseOutcome } from './case-runner.ts';

/** Violations listed in an observer case's message and transcript, at most. */
const MAX_LISTED = 20;

interface Seen {
  judged: number;
  cases: Set<string>;
  violations: { caseId: string; violation: Violation }[];
  dropped: number;
}

/** Everything the observers saw in a run. */
export class RunObservations {
  readonly #seen = new Map<ObserverName, Seen>();

  /** Adds what the observers saw in case `caseId`. */
  add(caseId: string, observations: ReadonlyMap<ObserverName, Observation> | undefined): void {
    for (const [name, o] of observations ?? []) {
      const seen = this.#seen.get(name) ?? {
        judged: 0,
        cases: new Set(),
        violations: [],
        dropped: 0,
      };
      seen.judged += o.judged;
      seen.cases.add(caseId);
      for (const violation of o.violations) {
        if (seen.violations.length < MAX_LISTED) seen.violations.push({ caseId, violation });
        else seen.dropped += 1;
      }
      seen.dropped += o.dropped;
      this.#seen.set(name, seen);
    }
  }

  /**
   * The outcome of observer case `scenario` once the run is over: its own steps' verdict
   * when they ended it early (skip, error) or worse, else the rule's verdict over the run.
   */
  outcomeOf(scenario: Scenario & { observe: ObserverName }, ownOutcome: CaseOutcome): CaseOutcome {
    let own = ownOutcome;
    if (own.verdict === 'error' || own.verdict === 'fail') return own;
    const seen = this.#seen.get(scenario.observe);
    if (seen === undefined || seen.judged === 0) {
      if (own.verdict === 'skip') return own;
      return {
        ...own,
        verdict: 'skip',
        message: 'no reply of the kind this rule is about was seen in this run',
      };
    }
    // A refused set-up step of the case's own only cost it its own replies: the rule still
    // holds over what the other cases read. A precondition skip (an extension not offered)
    // means the rule does not apply to this server at all.
    if (own.verdict === 'skip' && own.message.startsWith('precondition:')) return own;
    if (own.verdict === 'skip') own = { ...own, verdict: 'pass' };
    const counted = `${seen.judged} replies in ${seen.cases.size} case(s)`;
    if (seen.violations.length === 0) {
      return own.verdict === 'pass'
        ? { ...own, message: `${counted} observed; none breaks the rule` }
        : own;
    }
    const grade = seen.violations.some((v) => v.violation.grade === undefined)
      ? gradeOf(scenario.level)
      : milder(gradeOf(scenario.level), 'warn');
    const total = seen.violations.length + seen.dropped;
    const first = seen.violations[0];
    for (const { caseId, violation } of seen.violations) {
      own.transcript.note(`observed in ${caseId}: ${violation.message}`);
    }
    if (seen.dropped > 0) own.transcript.note(`and ${seen.dropped} more not listed`);
    return {
      ...own,
      verdict: worse(own.verdict, grade),
      message: `${total} violation(s) of the rule in the ${counted} observed (a reply can break it more than once); first in ${first?.caseId}: ${first?.violation.message} (the transcript lists them with their cases)`,
      expected: ['every reply observed follows the rule'],
      actual: `${total} violation(s)`,
    };
  }
}

const RANK: Record<Verdict, number> = { pass: 0, info: 1, warn: 2, fail: 3, skip: 0, error: 4 };

function worse(a: Verdict, b: Verdict): Verdict {
  return RANK[b] > RANK[a] ? b : a;
}

/** Whether `scenario` is an observer case. */
export function isObserver(scenario: Scenario): scenario is Scenario & { observe: ObserverName } {
  return scenario.observe !== undefined;
}
