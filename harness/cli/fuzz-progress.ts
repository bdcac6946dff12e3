/**
 * Progress of `smtpspec fuzz`: on a terminal a live line (runs, runs/s, failures, the
 * (state, command, reply) triples reached and distinct replies) redrawn in place; elsewhere
 * (a CI log, a pipe, or CI set) the same figures as a plain line every few seconds.
 */
import type { CampaignStats } from '../fuzz/stats.ts';

/** `runs 1234  412.0 runs/s  failures 1  triples 318  distinct replies 23`. */
export function progressText(stats: CampaignStats, now = performance.now()): string {
  const rate = stats.runsPerSecond(now).toFixed(1);
  return `runs ${stats.runs}  ${rate} runs/s  failures ${stats.failures}  triples ${stats.tripleCount}  distinct replies ${stats.distinctReplies}`;
}

/** True when a live line should be drawn: a terminal, and not a CI job. */
export function wantsProgress(isTty: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return isTty && (env.CI === undefined || env.CI === '' || env.CI === 'false');
}

/** Redraws the line every `intervalMs` until the returned stop function is called. */
export function startProgress(
  stats: CampaignStats,
  write: (text: string) => void,
  intervalMs = 250,
): () => void {
  const draw = () => write(`\r\x1b[2K${progressText(stats)}`);
  const timer = setInterval(draw, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    write('\r\x1b[2K');
  };
}

/** How often the plain line is written, unless told otherwise. */
export const PLAIN_PROGRESS_INTERVAL_MS = 5000;

/**
 * Writes `smtpspec: fuzz: runs 1234  41.1 runs/s  failures 0  triples 318  distinct replies 23` every
 * `intervalMs` until the returned stop function is called. For logs: no control bytes.
 */
export function startPlainProgress(
  stats: CampaignStats,
  write: (text: string) => void,
  intervalMs = PLAIN_PROGRESS_INTERVAL_MS,
): () => void {
  const timer = setInterval(() => write(`smtpspec: fuzz: ${progressText(stats)}\n`), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
