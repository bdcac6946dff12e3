/**
 * The live progress line of `smtpspec fuzz` on a terminal: runs, runs/s, failures, the
 * (state, command, reply) triples reached and distinct replies, redrawn in place. Quiet when stderr is not a TTY or CI is set.
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
