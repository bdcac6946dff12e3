/** Small text formatters shared by the renderers. */
import type {
  CaseResult,
  InterruptedInfo,
  Summary,
  TargetDownInfo,
} from '../harness/scenario/results.ts';
import { type Level, VERDICTS, type Verdict } from '../harness/scenario/types.ts';

/** A duration for people: `850 ms`, `1.25 s`, `2 min 03 s`. Bad input reads as `0 ms`. */
export function formatDuration(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (safe < 1000) return `${Math.round(safe)} ms`;
  if (safe < 60_000) return `${(safe / 1000).toFixed(2)} s`;
  const totalSeconds = Math.round(safe / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/**
 * Milliseconds as seconds with at most three decimals, never in exponent notation (JUnit
 * readers parse `time` as a decimal; `1e-7` breaks them). Negative or non-finite is 0.
 */
export function toSeconds(ms: number): number {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  // Rounding to 0.001 keeps String(n) out of exponent form (smallest non-zero is 0.001).
  return Number((safe / 1000).toFixed(3));
}

/** Total number of cases in a summary. */
export function summaryTotal(summary: Summary): number {
  return VERDICTS.reduce((sum, v) => sum + summary[v], 0);
}

/** `12 cases: 9 pass, 1 fail, 1 warn, 0 info, 1 skip, 0 error` (every verdict, fixed order). */
export function summaryText(summary: Summary): string {
  const total = summaryTotal(summary);
  const counts = VERDICTS.map((v) => `${summary[v]} ${v}`).join(', ');
  return `${total} ${total === 1 ? 'case' : 'cases'}: ${counts}`;
}

/** The fields of a case result that {@link caseDetailLines} reads. */
export type CaseDetail = Pick<
  CaseResult,
  'requirements' | 'requirementText' | 'expected' | 'actual' | 'exploitability' | 'transcript'
>;

/**
 * Plain lines explaining a non-passing case: each requirement quoted with its register
 * id, the acceptable outcomes, what actually happened, the exploitability label and the
 * transcript path. Raw text: the caller escapes it for its output format.
 */
export function caseDetailLines(r: CaseDetail): string[] {
  const lines: string[] = [];
  const n = Math.max(r.requirements.length, r.requirementText.length);
  for (let i = 0; i < n; i++) {
    const id = r.requirements[i];
    const text = r.requirementText[i];
    const quote = text === undefined ? '' : `"${text}"`;
    lines.push(`requirement: ${[id, quote].filter((s) => s !== undefined && s !== '').join(' ')}`);
  }
  const expected = r.expected ?? [];
  if (expected.length === 1) lines.push(`expected: ${expected[0]}`);
  if (expected.length > 1) lines.push(`expected one of: ${expected.join(' | ')}`);
  if (r.actual !== undefined) lines.push(`actual: ${r.actual}`);
  if (r.exploitability !== undefined) lines.push(`exploitability: ${r.exploitability}`);
  if (r.transcript !== '') lines.push(`transcript: ${r.transcript}`);
  return lines;
}

/**
 * The line every report puts at the top when the target went down mid-run (design.md):
 * `TARGET DOWN since rfc5321/x/y: the server stopped accepting connections ...`.
 */
export function targetDownLine(down: TargetDownInfo): string {
  return `TARGET DOWN since ${down.since}: ${down.message}; later cases are error`;
}

/**
 * The line every report puts at the top of an interrupted run:
 * `INTERRUPTED (interrupted by SIGINT): 40 of 243 cases ran; the others are not in this report`.
 */
export function interruptedLine(info: InterruptedInfo, ran: number): string {
  return `INTERRUPTED (${info.reason}): ${ran} of ${info.selected} cases ran; the others are not in this report`;
}

/**
 * The requirement level a verdict stands for (README "Grading"): `fail` only for a MUST,
 * `warn` only for a SHOULD, `info` for what the RFC leaves open (MAY). Other verdicts
 * judge no requirement and stand for none.
 */
export function verdictLevel(verdict: Verdict): Level | undefined {
  if (verdict === 'fail') return 'MUST';
  if (verdict === 'warn') return 'SHOULD';
  if (verdict === 'info') return 'MAY';
  return undefined;
}

/**
 * The level to print beside a verdict: the level the verdict stands for, followed by the
 * case's own level when that differs (`MUST; case level MAY`: a MAY case that fails broke a
 * MUST along the way, e.g. it got no reply at all). Without a graded verdict, the case
 * level.
 */
export function levelLabel(r: Pick<CaseResult, 'verdict' | 'level'>): string {
  const stands = verdictLevel(r.verdict);
  if (stands === undefined || stands === r.level) return r.level;
  return `${stands}; case level ${r.level}`;
}

/**
 * The fragment of a case in report.html: its id as it is (`rfc5321/4.1.4/rcpt-before-mail`),
 * so `report.html#rfc5321/4.1.4/rcpt-before-mail` stays the same from run to run. Case ids
 * never contain whitespace or `#` (harness/scenario/result-paths.ts); anything outside the
 * URL fragment set is percent-encoded all the same.
 */
export function caseAnchor(id: string): string {
  return encodeURI(id).replaceAll('#', '%23');
}
