/**
 * Refining a failing run after fast-check has shrunk it. Delta debugging over the commands
 * it ran (Zeller and Hildebrandt, "Simplifying and Isolating Failure-Inducing Input", 2002):
 * runs of commands are removed, longest first, while the run still fails with the same
 * signature; the last command (the trigger) always stays. fast-check's shrinking simplifies
 * the values inside the commands; this removes whole commands it could not, such as those
 * of a corpus prefix a derived run started with, in few steps (each costs a failing run: a
 * hang costs a reply timeout). Then each command is simplified where the run still fails.
 */
import { type FuzzCommand, simplerOf } from './command-kit.ts';
import type { RunOutcome } from './execute.ts';
import { signatureOf } from './signature.ts';

/** The signature of a failing run (`''` for a passing one). */
export function runSignature(r: RunOutcome): string {
  return r.failure ? signatureOf(r.failure.kind, r.trigger) : '';
}

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

/**
 * The failing run with its commands simplified (`simplerOf`: a mutation with a well-formed
 * base replaced by that base, split writes made one, lines injected behind STARTTLS
 * dropped, a lying chunk size made true), each kept where the run still fails: the trigger
 * (last command) when it fails the same way, so a mutation that does not matter leaves the
 * finding; any other command when the failure keeps its signature. `run` itself when
 * nothing could be simplified.
 */
export async function simplifyRun(
  run: RunOutcome,
  o: Pick<MinimizeOptions, 'run' | 'stopped'>,
): Promise<RunOutcome> {
  let best = run;
  for (let i = best.ran.length - 1; i >= 0; i--) {
    const command = best.ran[i];
    const simpler = command === undefined ? undefined : simplerOf(command);
    if (simpler === undefined || o.stopped?.() === true) continue;
    const trigger = i === best.ran.length - 1;
    const again = await o.run(best.ran.toSpliced(i, 1, simpler));
    const kept = trigger
      ? again.failure?.kind === best.failure?.kind
      : again.failure !== undefined && runSignature(again) === runSignature(best);
    // Only when every command still ran: the trigger stays the last one.
    if (kept && again.ran.length === best.ran.length) best = again;
  }
  return best;
}
