/**
 * Progress of `smtpspec run` on stderr. On a terminal, a line per finished case as it
 * finishes; elsewhere (CI logs, a pipe) a plain line every few seconds with the cases
 * done and the verdict counts so far, so a long run (`--slow`: minutes) is never silent.
 */
import { renderProgressLine } from '../../reports/console.ts';
import { type CaseResult, emptySummary } from '../scenario/results.ts';
import { VERDICTS } from '../scenario/types.ts';
import type { CliIo } from './io.ts';

/** How often the plain line is written, unless the io says otherwise. */
export const PROGRESS_INTERVAL_MS = 5000;
/** A plain line is repeated at least this often while nothing finishes. */
const QUIET_REPEAT_MS = 60_000;

/** `smtpspec: 40/243 cases done: 38 pass, 0 fail, 0 warn, 0 info, 2 skip, 0 error`. */
export function plainProgressLine(
  done: number,
  total: number,
  counts: Readonly<Record<(typeof VERDICTS)[number], number>>,
): string {
  const verdicts = VERDICTS.map((v) => `${counts[v]} ${v}`).join(', ');
  return `smtpspec: ${done}/${total} cases done: ${verdicts}`;
}

/** The progress of one run: feed it every finished case, stop it when the run ends. */
export interface RunProgress {
  onCaseDone(result: CaseResult, done: number, total: number): void;
  stop(): void;
}

/** Starts progress output for a run on `io`. */
export function startRunProgress(io: CliIo): RunProgress {
  if (io.stderrIsTty) {
    return {
      onCaseDone: (result, done, total) =>
        io.stderr(`${renderProgressLine(result, done, total, { color: io.color })}\n`),
      stop: () => undefined,
    };
  }
  const counts = emptySummary();
  let done = 0;
  let total = 0;
  let shown = -1;
  let shownAt = performance.now();
  const tick = () => {
    const now = performance.now();
    if (total === 0 || (done === shown && now - shownAt < QUIET_REPEAT_MS)) return;
    io.stderr(`${plainProgressLine(done, total, counts)}\n`);
    shown = done;
    shownAt = now;
  };
  const timer = setInterval(tick, io.progressIntervalMs ?? PROGRESS_INTERVAL_MS);
  timer.unref();
  return {
    onCaseDone: (result, n, of) => {
      counts[result.verdict] += 1;
      done = n;
      total = of;
    },
    stop: () => clearInterval(timer),
  };
}
