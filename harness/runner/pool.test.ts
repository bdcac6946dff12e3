import { describe, expect, it } from 'vitest';
import { runPool } from './pool.ts';

describe('runPool', () => {
  it('keeps input order and never exceeds the concurrency', async () => {
    let active = 0;
    let peak = 0;
    const delays = [5, 1, 4, 0, 3, 2, 1, 0];
    const out = await runPool(delays, 3, async (ms, i) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, ms));
      active--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('stops starting work after a failure and rethrows it', async () => {
    const started: number[] = [];
    const run = runPool([0, 1, 2, 3, 4], 1, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('boom');
      return n;
    });
    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
  });

  it('rejects a bad concurrency', async () => {
    await expect(runPool([1], 0, async (n) => n)).rejects.toThrow(RangeError);
  });
});
