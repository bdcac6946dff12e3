import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { nextAttemptAt, retryDelay } from './backoff.ts';
import { DueHeap } from './due-heap.ts';
import { Scheduler } from './scheduler.ts';

describe('backoff (RFC 5321 §4.5.4.1)', () => {
  const policy = { retryBaseMs: 100, retryMaxMs: 1000, lifetimeMs: 5000 };

  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 60].map((n) => retryDelay(n, policy))).toEqual([
      100, 200, 400, 800, 1000, 1000, 1000,
    ]);
  });

  it('schedules a last attempt at the deadline, then gives up', () => {
    expect(nextAttemptAt(0, 1, 1000, policy)).toBe(1100);
    expect(nextAttemptAt(0, 5, 4500, policy)).toBe(5000);
    expect(nextAttemptAt(0, 6, 5000, policy)).toBeUndefined();
  });
});

describe('DueHeap', () => {
  it('pops in due order', () => {
    const heap = new DueHeap();
    const dues = [5, 3, 9, 1, 7, 3, 0, 8];
    for (const [i, dueAt] of dues.entries()) heap.push({ queueId: String(i), dueAt });
    const out: number[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) out.push(e.dueAt);
    expect(out).toEqual([...dues].sort((a, b) => a - b));
  });
});

describe('Scheduler', () => {
  it('never runs more than `concurrency` attempts, nor one message twice at once', async () => {
    let active = 0;
    let peak = 0;
    const runs = new Map<string, number>();
    const scheduler = new Scheduler({
      concurrency: 3,
      run: async (id) => {
        active++;
        peak = Math.max(peak, active);
        runs.set(id, (runs.get(id) ?? 0) + 1);
        await sleep(5);
        active--;
        // Each message is retried once, immediately.
        return (runs.get(id) ?? 0) < 2 ? Date.now() : undefined;
      },
      onError: () => undefined,
    });
    for (let i = 0; i < 20; i++) scheduler.schedule(`m${i}`, Date.now());
    scheduler.start();
    await scheduler.whenIdle(10_000);
    expect(peak).toBe(3);
    expect([...runs.values()]).toEqual(Array(20).fill(2));
  });

  it('waits for the due time and retries after an error', async () => {
    const started: number[] = [];
    let calls = 0;
    const scheduler = new Scheduler({
      concurrency: 1,
      run: async () => {
        started.push(Date.now());
        if (++calls === 1) throw new Error('disk trouble');
        return undefined;
      },
      onError: () => Date.now() + 50,
    });
    const t0 = Date.now();
    scheduler.schedule('m', t0 + 50);
    scheduler.start();
    await scheduler.whenIdle(10_000);
    expect(calls).toBe(2);
    expect((started[0] ?? 0) - t0).toBeGreaterThanOrEqual(45);
    expect((started[1] ?? 0) - (started[0] ?? 0)).toBeGreaterThanOrEqual(45);
  });

  it('stop() waits for a running attempt, then aborts one that overstays', async () => {
    let aborted = false;
    const scheduler = new Scheduler({
      concurrency: 1,
      run: (_id, signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve(undefined);
          });
        }),
      onError: () => undefined,
    });
    scheduler.schedule('m', Date.now());
    scheduler.start();
    await sleep(10);
    expect(scheduler.running).toBe(1);
    await scheduler.stop(50, 2000);
    expect(aborted).toBe(true);
    expect(scheduler.running).toBe(0);
  });

  it('refuses a concurrency below 1', () => {
    expect(
      () => new Scheduler({ concurrency: 0, run: async () => undefined, onError: () => undefined }),
    ).toThrow(RangeError);
  });
});
