/**
 * Runs queued messages when they are due, at most `concurrency` at a time, one attempt per
 * message at a time. Timers are `unref()`'d: a waiting retry never keeps the process alive.
 */
import { TimeoutError } from '../../harness/errors.ts';
import { DueHeap } from './due-heap.ts';

/** One attempt: resolves with the next due time (ms since the epoch), or undefined when done. */
export type AttemptRunner = (queueId: string, signal: AbortSignal) => Promise<number | undefined>;

export interface SchedulerOptions {
  concurrency: number;
  run: AttemptRunner;
  /** When `run` throws: the next due time, or undefined to drop the message from the schedule. */
  onError: (queueId: string, err: unknown) => number | undefined;
}

/** setTimeout's largest delay. */
const MAX_DELAY = 2_147_483_647;

export class Scheduler {
  readonly #options: SchedulerOptions;
  readonly #heap = new DueHeap();
  /** Waiting messages and their due time; heap entries that disagree are stale. */
  readonly #due = new Map<string, number>();
  readonly #running = new Map<string, Promise<void>>();
  /** Schedules requested while the message's attempt was running. */
  readonly #after = new Map<string, number>();
  readonly #abort = new AbortController();
  #started = false;
  #stopping = false;
  #timer: NodeJS.Timeout | undefined;
  #idleWaiters: (() => void)[] = [];

  constructor(options: SchedulerOptions) {
    if (!Number.isSafeInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError('queue.concurrency must be a positive integer');
    }
    this.#options = options;
  }

  /** Messages waiting for their due time. */
  get waiting(): number {
    return this.#due.size;
  }

  /** Attempts in progress. */
  get running(): number {
    return this.#running.size;
  }

  /** Schedules (or moves earlier) the next attempt of `queueId`. */
  schedule(queueId: string, dueAt: number): void {
    if (this.#running.has(queueId)) {
      // One attempt per message at a time: apply it when the running one ends.
      const later = this.#after.get(queueId);
      this.#after.set(queueId, later === undefined ? dueAt : Math.min(later, dueAt));
      return;
    }
    const current = this.#due.get(queueId);
    if (current !== undefined && current <= dueAt) return;
    this.#due.set(queueId, dueAt);
    this.#heap.push({ queueId, dueAt });
    this.#pump();
  }

  start(): void {
    this.#started = true;
    this.#pump();
  }

  /**
   * Stops starting attempts and waits up to `graceMs` for those in progress; then aborts them
   * (their connections close) and waits up to `abortWaitMs` more. The schedule is dropped;
   * the spool keeps every message.
   */
  async stop(graceMs: number, abortWaitMs = 5_000): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#timer);
    if (!(await this.#settle(graceMs))) {
      this.#abort.abort();
      await this.#settle(abortWaitMs);
    }
  }

  /** Resolves once nothing waits or runs; rejects with TimeoutError after `timeoutMs`. */
  whenIdle(timeoutMs: number): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#idleWaiters = this.#idleWaiters.filter((w) => w !== done);
        reject(new TimeoutError('idle queue', timeoutMs));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#idleWaiters.push(done);
    });
  }

  #isIdle(): boolean {
    return this.#due.size === 0 && this.#running.size === 0;
  }

  async #settle(ms: number): Promise<boolean> {
    if (this.#running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const all = Promise.allSettled([...this.#running.values()]).then(() => true as const);
    const settled = await Promise.race([all, timedOut]);
    clearTimeout(timer);
    return settled;
  }

  #pump(): void {
    if (!this.#started || this.#stopping) return;
    const now = Date.now();
    while (this.#running.size < this.#options.concurrency) {
      const top = this.#nextLive();
      if (top === undefined || top.dueAt > now) break;
      this.#heap.pop();
      this.#due.delete(top.queueId);
      this.#launch(top.queueId);
    }
    this.#arm(now);
  }

  /** The earliest heap entry that is not stale (stale ones are dropped on the way). */
  #nextLive(): { queueId: string; dueAt: number } | undefined {
    for (let top = this.#heap.peek(); top !== undefined; top = this.#heap.peek()) {
      if (this.#due.get(top.queueId) === top.dueAt) return top;
      this.#heap.pop();
    }
    return undefined;
  }

  #arm(now: number): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#running.size >= this.#options.concurrency) return; // a completion pumps again
    const top = this.#nextLive();
    if (top === undefined) return;
    this.#timer = setTimeout(() => this.#pump(), Math.min(Math.max(0, top.dueAt - now), MAX_DELAY));
    this.#timer.unref();
  }

  #launch(queueId: string): void {
    const attempt = (async () => {
      let next: number | undefined;
      try {
        next = await this.#options.run(queueId, this.#abort.signal);
      } catch (err) {
        next = this.#options.onError(queueId, err);
      }
      this.#running.delete(queueId);
      const after = this.#after.get(queueId);
      this.#after.delete(queueId);
      if (after !== undefined) next = next === undefined ? after : Math.min(next, after);
      if (next !== undefined && !this.#stopping) this.schedule(queueId, next);
      this.#pump();
      if (this.#isIdle()) for (const wake of this.#idleWaiters.splice(0)) wake();
    })();
    this.#running.set(queueId, attempt);
  }
}
