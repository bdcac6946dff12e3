// Why these tests? A run derived from the feedback corpus starts with a prefix that
// fast-check cannot shrink command by command; delta debugging removes what the failure
// does not need, and must keep the trigger and what it depends on.
import { describe, expect, it } from 'vitest';
import type { FuzzCommand } from './command-kit.ts';
import type { RunOutcome } from './execute.ts';
import { FuzzFailure } from './findings.ts';
import { minimizeRun } from './minimize.ts';

/** A command that only has a name. */
function command(name: string): FuzzCommand {
  return { check: () => true, run: async () => undefined, toString: () => name };
}

/** An outcome of running `commands`: fails when every name in `needed` ran. */
function outcomeOf(commands: readonly FuzzCommand[], needed: readonly string[]): RunOutcome {
  const names = commands.map(String);
  const fails = needed.every((n) => names.includes(n));
  return {
    failure: fails ? new FuzzFailure('crash', 'x') : undefined,
    inconclusive: false,
    targetLost: undefined,
    steps: [],
    executed: names,
    transcript: undefined,
    crashReport: undefined,
    exploitability: undefined,
    trigger: fails ? 'trigger' : '',
    lineLog: names,
    newTriples: 0,
    ran: [...commands],
  };
}

describe('minimizeRun', () => {
  it('keeps the commands the failure needs and the trigger, in order', async () => {
    const all = 'a b c d e f g h i j k l trigger'.split(' ').map(command);
    const needed = ['c', 'h', 'trigger'];
    let runs = 0;
    const best = await minimizeRun(outcomeOf(all, needed), {
      run: async (commands) => {
        runs += 1;
        return outcomeOf(commands, needed);
      },
      same: (a, b) => a.trigger === b.trigger,
      deadline: Date.now() + 10_000,
    });
    expect(best.ran.map(String)).toEqual(needed);
    expect(runs).toBeLessThan(40);
  });

  it('returns the run as it was when nothing can go, and stops at its deadline', async () => {
    const all = ['a', 'trigger'].map(command);
    const same = (a: RunOutcome, b: RunOutcome) => a.trigger === b.trigger;
    const kept = await minimizeRun(outcomeOf(all, ['a', 'trigger']), {
      run: async (c) => outcomeOf(c, ['a', 'trigger']),
      same,
      deadline: Date.now() + 10_000,
    });
    expect(kept.ran.map(String)).toEqual(['a', 'trigger']);
    let runs = 0;
    await minimizeRun(outcomeOf('a b c d trigger'.split(' ').map(command), ['trigger']), {
      run: async (c) => {
        runs += 1;
        return outcomeOf(c, ['trigger']);
      },
      same,
      deadline: Date.now() - 1,
    });
    expect(runs).toBe(0);
  });
});
