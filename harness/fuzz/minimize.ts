/**
 * Delta debugging over the commands a failing run ran (Zeller and Hildebrandt, "Simplifying
 * and Isolating Failure-Inducing Input", 2002): runs of commands are removed, longest runs
 * first, while the run still fails with the same signature; the last command (the trigger)
 * always stays. fast-check's shrinking simplifies the values inside the commands; this
 * removes whole commands it could not, such as those of a corpus prefix a derived run
 * started with, in few steps (each costs a failing run: a hang costs a reply timeout).
 */
import type { RunOutcome } from './execute.ts';
import type { FuzzCommand } from './session-commands.ts';

/** What minimizing needs: how to run commands, and when two failing runs are the same. */
export interface MinimizeOptions {
  run(commands: readonly FuzzCommand[]): Promise<RunOutcome>;
  same(a: RunOutcome, b: RunOutcome): boolean;
  /** `Date.now()` after which no further candidate is tried. */
  deadline: number;
  /** Stop early (campaign aborted, target lost). */
  stopped?(): boolean;
}

/**
 * The smallest failing run found from `failing` by removing commands (the trigger, its last
 * command, is kept); `failing` itself when nothing could be removed.
 */
export async function minimizeRun(failing: RunOutcome, o: MinimizeOptions): Promise<RunOutcome> {
  let best = failing;
  const over = () => Date.now() >= o.deadline || o.stopped?.() === true;
  for (let size = Math.max(1, Math.floor((best.ran.length - 1) / 2)); size >= 1; ) {
    let removed = false;
    for (let start = 0; start + size < best.ran.length && !over(); ) {
      const candidate = [...best.ran.slice(0, start), ...best.ran.slice(start + size)];
      const outcome = await o.run(candidate);
      if (outcome.failure !== undefined && o.same(best, outcome)) {
        best = outcome;
        removed = true;
      } else start += size;
    }
    if (over()) break;
    if (!removed) size = Math.floor(size / 2);
    else size = Math.min(size, Math.max(1, Math.floor((best.ran.length - 1) / 2)));
  }
  return best;
}
