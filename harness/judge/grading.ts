/**
 * Findings and how they become verdicts. A finding is one deviation the runner observed;
 * the case verdict is the worst finding, or `pass` when there is none.
 */
import type { Level, Verdict } from '../scenario/types.ts';

/** How bad a finding is: a violated MUST fails, a SHOULD warns, a MAY informs. */
export type Grade = 'fail' | 'warn' | 'info';

/** One deviation observed in a case. */
export interface Finding {
  grade: Grade;
  /** One line: what was expected and what came back. */
  message: string;
  /** The acceptable outcomes, e.g. `['503 (RFC 5321 §4.1.4)']`. */
  expected?: string[];
  /** What happened, e.g. `250 2.1.5 Ok`. */
  actual?: string;
}

/** A verdict that ends a case before its last step, with its reason. */
export interface CaseEnd {
  verdict: Verdict;
  message: string;
  expected?: string[];
  actual?: string;
}

const LEVEL_GRADE: Record<Level, Grade> = { MUST: 'fail', SHOULD: 'warn', MAY: 'info' };
const RANK: Record<Grade, number> = { info: 1, warn: 2, fail: 3 };

/** The grade of violating a requirement of `level` (RFC 2119 meaning). */
export function gradeOf(level: Level): Grade {
  return LEVEL_GRADE[level];
}

/** The milder of two grades: e.g. a MUST case judged against a SHOULD-level rule. */
export function milder(a: Grade, b: Grade): Grade {
  return RANK[a] <= RANK[b] ? a : b;
}

/** The most severe finding (the first of equals), or undefined for none. */
export function worstFinding(findings: readonly Finding[]): Finding | undefined {
  let worst: Finding | undefined;
  for (const f of findings) if (!worst || RANK[f.grade] > RANK[worst.grade]) worst = f;
  return worst;
}
