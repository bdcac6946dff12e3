/**
 * The client's inbound queue: parsed replies and malformed lines waiting to be read, how the
 * inbound side ended, and the one pending reader. Bounded: when full it asks the socket to
 * pause, so a server that streams endlessly meets TCP flow control instead of our heap.
 */
import type { SmtpHarnessError } from '../errors.ts';
import { TimeoutError } from '../errors.ts';
import type { Reply } from '../wire/reply.ts';
import { ConnectionClosedError, ConnectionResetError, SessionStateError } from './errors.ts';

export type InboundItem =
  | { kind: 'reply'; reply: Reply }
  | { kind: 'malformed'; line: Buffer; reason: string };

/**
 * How the inbound side ended: the server closed (FIN), the connection was reset, or the
 * session failed (overflow, TLS error, stalled write, closed by us).
 */
export type InboundEnd =
  | { kind: 'closed' }
  | { kind: 'reset'; detail: string }
  | { kind: 'failed'; error: SmtpHarnessError };

/** Start and stop reading from the socket. */
export interface FlowControl {
  pause(): void;
  resume(): void;
}

export interface InboxCaps {
  /** Queued items before the socket is paused. */
  maxItems: number;
  /** Queued octets (sum of item sizes) before the socket is paused. */
  maxOctets: number;
}

interface Waiter {
  what: string;
  resolve: (item: InboundItem) => void;
  reject: (err: SmtpHarnessError) => void;
  timer: NodeJS.Timeout | undefined;
  /** Silence allowed between inbound chunks when the wait is extended by progress. */
  timeoutMs: number;
  /** When bytes keep arriving: the wait's absolute end (`Date.now()` clock). */
  deadline: number | undefined;
  /** The total the deadline stands for, for the message. */
  maxMs: number | undefined;
  /** When bytes last arrived (`performance.now()`), for a wait extended by progress. */
  lastProgress: number;
}

function itemOctets(item: InboundItem): number {
  return item.kind === 'reply' ? item.reply.raw.length : item.line.length;
}

export class Inbox {
  readonly #flow: FlowControl;
  readonly #caps: InboxCaps;
  readonly #items: InboundItem[] = [];
  #octets = 0;
  #paused = false;
  #end: InboundEnd | undefined;
  /** Whether a failure (reset, failed) was already handed to a caller as itself. */
  #reported = false;
  #waiter: Waiter | undefined;

  constructor(flow: FlowControl, caps: InboxCaps) {
    this.#flow = flow;
    this.#caps = caps;
  }

  get size(): number {
    return this.#items.length;
  }

  get end(): InboundEnd | undefined {
    return this.#end;
  }

  /** At a cap: the reader should stop feeding items until some are taken. */
  get full(): boolean {
    return this.#isFull();
  }

  push(item: InboundItem): void {
    const waiter = this.#waiter;
    if (waiter && this.#items.length === 0) {
      this.#settle();
      waiter.resolve(item);
      return;
    }
    this.#items.push(item);
    this.#octets += itemOctets(item);
    if (!this.#paused && this.#isFull()) {
      this.#paused = true;
      this.#flow.pause();
    }
  }

  /** Records how the inbound side ended; the first end wins. Wakes a pending reader. */
  finish(end: InboundEnd): void {
    if (this.#end) return;
    this.#end = end;
    const waiter = this.#waiter;
    if (waiter && this.#items.length === 0) {
      this.#settle();
      waiter.reject(this.endError(`the ${waiter.what}`));
    }
  }

  /**
   * Next item, waiting up to `timeoutMs`. Queued items come first, even after the end.
   * With `maxMs`, `timeoutMs` bounds the silence instead: each inbound chunk (see
   * {@link progress}) restarts it, and `maxMs` bounds the whole wait. A server that sends a
   * reply slowly on purpose (an error tarpit) is then told apart from one that went silent.
   */
  take(what: string, timeoutMs: number, maxMs?: number): Promise<InboundItem> {
    if (this.#waiter) {
      return Promise.reject(
        new SessionStateError(`cannot wait for ${what}: a read is already pending`),
      );
    }
    const item = this.shift();
    if (item) return Promise.resolve(item);
    if (this.#end) return Promise.reject(this.endError(`the ${what}`));
    const extended = maxMs !== undefined && maxMs > timeoutMs;
    return new Promise<InboundItem>((resolve, reject) => {
      const waiter: Waiter = {
        what,
        resolve,
        reject,
        timer: undefined,
        timeoutMs,
        deadline: extended ? performance.now() + maxMs : undefined,
        maxMs: extended ? maxMs : undefined,
        lastProgress: performance.now(),
      };
      waiter.timer = this.#arm(waiter, timeoutMs);
      this.#waiter = waiter;
    });
  }

  /**
   * Bytes arrived that did not complete an item yet: a pending wait with a `maxMs` has its
   * silence counted from now (the timer checks when it fires: no timer work per chunk).
   */
  progress(): void {
    const waiter = this.#waiter;
    if (waiter?.deadline !== undefined) waiter.lastProgress = performance.now();
  }

  /**
   * Fires `ms` from now: ends the wait with a timeout unless bytes arrived meanwhile, in
   * which case the silence is counted from them (up to the deadline).
   */
  #arm(waiter: Waiter, ms: number): NodeJS.Timeout {
    return setTimeout(() => {
      if (this.#waiter !== waiter) return;
      const now = performance.now();
      const { deadline } = waiter;
      // Timers may fire a millisecond early: a wait within 1 ms of its end has ended.
      const silenceEnds = waiter.lastProgress + waiter.timeoutMs;
      if (deadline !== undefined && silenceEnds > now + 1 && deadline > now + 1) {
        waiter.timer = this.#arm(waiter, Math.min(silenceEnds, deadline) - now);
        return;
      }
      this.#waiter = undefined;
      const atDeadline = deadline !== undefined && deadline <= now + 1 && silenceEnds > now + 1;
      waiter.reject(
        atDeadline && waiter.maxMs !== undefined
          ? new TimeoutError(waiter.what, waiter.maxMs, 'though bytes kept arriving')
          : new TimeoutError(waiter.what, waiter.timeoutMs),
      );
    }, ms);
  }

  /** The oldest queued item, left in the queue. */
  peek(): InboundItem | undefined {
    return this.#items[0];
  }

  /** Removes and returns the oldest queued item; resumes reading once below the caps. */
  shift(): InboundItem | undefined {
    const item = this.#items.shift();
    if (!item) return undefined;
    this.#octets -= itemOctets(item);
    if (this.#paused && !this.#isFull()) {
      this.#paused = false;
      this.#flow.resume();
    }
    return item;
  }

  /** Removes every queued item (STARTTLS: what is left there was sent before the handshake). */
  drain(): InboundItem[] {
    const all: InboundItem[] = [];
    for (let item = this.shift(); item; item = this.shift()) all.push(item);
    return all;
  }

  /**
   * The error for an ended inbound side, `before` naming what was awaited (`the greeting`).
   * A failure is reported as itself once, then as a state error, so a caller learns the
   * cause exactly once and every later call says the session is unusable.
   */
  endError(before: string): SmtpHarnessError {
    const end = this.#end;
    if (!end) return new SessionStateError(`internal: no end recorded before ${before}`);
    if (end.kind === 'closed') {
      return new ConnectionClosedError(`server closed the connection before ${before}`);
    }
    const cause =
      end.kind === 'reset'
        ? new ConnectionResetError(`connection reset (${end.detail}) before ${before}`)
        : end.error;
    if (this.#reported) {
      return new SessionStateError(`session failed earlier: ${cause.message}`);
    }
    this.#reported = true;
    return cause;
  }

  /** The failure was handed to a caller directly: later calls get a state error. */
  markReported(): void {
    this.#reported = true;
  }

  /** Fails the pending reader (if any) with `err`, e.g. when the session is closed locally. */
  rejectWaiter(err: SmtpHarnessError): void {
    const waiter = this.#waiter;
    if (!waiter) return;
    this.#settle();
    waiter.reject(err);
  }

  #settle(): void {
    if (this.#waiter) clearTimeout(this.#waiter.timer);
    this.#waiter = undefined;
  }

  #isFull(): boolean {
    return this.#items.length >= this.#caps.maxItems || this.#octets >= this.#caps.maxOctets;
  }
}
