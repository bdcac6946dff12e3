/**
 * Comparing a run with a baseline `results.json` (`--baseline FILE`), so CI fails only on
 * new problems while known deviations of a server stay visible in every report.
 *
 * Problems are ranked warn < fail < error; pass, info and skip are not problems. A problem
 * is `known` when the baseline has the same case id with the same or a higher rank (a case
 * that got better still counts as known); any other problem is `new`. A case that passes
 * (or is info) now but was a problem in the baseline is `fixed`. Verdicts and the summary
 * are never changed: a known fail is still a fail in every report, with its message
 * prefixed `known: `, and only the exit status treats it differently.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError, describeError } from '../errors.ts';
import type { BaselineMark, CaseResult, RunReport } from '../scenario/results.ts';
import { readJsonReport } from '../scenario/results-read.ts';
import type { Verdict } from '../scenario/types.ts';

/** Prefix of the message of a known problem. */
export const KNOWN_PREFIX = 'known: ';

const RANK: Readonly<Record<Verdict, number>> = {
  pass: 0,
  info: 0,
  skip: 0,
  warn: 1,
  fail: 2,
  error: 3,
};

/** True for verdicts a baseline can record as known problems: warn, fail, error. */
export function isProblem(verdict: Verdict): boolean {
  return RANK[verdict] > 0;
}

/** Largest baseline file read (a full report of every case is a few hundred KiB). */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** Reads and validates a baseline; throws a one-line ConfigError naming the file. */
export async function loadBaseline(file: string): Promise<RunReport> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_BASELINE_BYTES)
      throw new Error(`larger than ${MAX_BASELINE_BYTES} bytes`);
    text = bytes.toString('utf8');
  } catch (err) {
    throw new ConfigError(`cannot read the baseline: ${describeError(err)}`, `--baseline ${file}`);
  }
  try {
    return readJsonReport(text);
  } catch (err) {
    throw new ConfigError(describeError(err), `--baseline ${file}`);
  }
}

/** The mark of `current` against the baseline verdict of the same id (if any). */
export function baselineMark(
  current: Verdict,
  before: Verdict | undefined,
): BaselineMark | undefined {
  const rank = RANK[current];
  const was = before === undefined ? 0 : RANK[before];
  if (rank > 0) return was >= rank ? 'known' : 'new';
  if (was > 0 && current !== 'skip') return 'fixed';
  return undefined;
}

/** What {@link applyBaseline} returns: the marked report and a line per fixed case. */
export interface BaselineOutcome {
  report: RunReport;
  notes: string[];
}

/**
 * `report` with every problem marked `known` or `new` and every fixed case marked, known
 * messages prefixed, and the `baseline` counts set. `file` names the baseline in the report.
 * Baseline cases the run did not include (another shard, another selection) are ignored.
 */
export function applyBaseline(
  report: RunReport,
  baseline: RunReport,
  file: string,
): BaselineOutcome {
  const before = new Map(baseline.results.map((r) => [r.id, r.verdict]));
  const notes: string[] = [];
  const counts = { known: 0, new: 0, fixed: 0 };
  const results = report.results.map((result): CaseResult => {
    const { baseline: _old, ...plain } = result;
    const was = before.get(result.id);
    const mark = baselineMark(result.verdict, was);
    if (mark === undefined) return plain;
    counts[mark] += 1;
    if (mark === 'fixed') {
      notes.push(`fixed: ${result.id} (${was} in the baseline, ${result.verdict} now)`);
      return { ...plain, baseline: mark };
    }
    const message =
      mark === 'known' && !plain.message.startsWith(KNOWN_PREFIX)
        ? `${KNOWN_PREFIX}${plain.message}`
        : plain.message;
    return { ...plain, message, baseline: mark };
  });
  return { report: { ...report, results, baseline: { file, ...counts } }, notes };
}

/** True when `result` makes the run fail: fail or error (or warn with strict), unless known. */
export function failsRun(result: CaseResult, strict: boolean): boolean {
  const blocking = result.verdict === 'fail' || result.verdict === 'error';
  return (blocking || (strict && result.verdict === 'warn')) && result.baseline !== 'known';
}

/**
 * Exit status of a finished run (design.md): 1 when a case fails the run, else 0. With a
 * baseline only new problems count; without one every fail and error does.
 */
export function runExitCode(report: RunReport, strict: boolean): 0 | 1 {
  return report.results.some((r) => failsRun(r, strict)) ? 1 : 0;
}
