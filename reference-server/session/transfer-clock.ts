/**
 * Time limits on one transfer of message content (DATA, or one BDAT chunk): the wait for
 * each block (RFC 5321 §4.5.3.2.5), a deadline for the whole, and a least average rate
 * after a grace period. The last two are defences RFC 5321 §7.8 allows: without them a
 * client sending an octet now and then holds a connection slot forever. While the server
 * is full (every connection slot taken, or a client turned away for want of one moments
 * ago), the grace period shrinks to 5 s: a transfer slower than the least rate after that
 * is cut at its next read, so slow clients from many addresses cannot keep everyone else
 * out for the whole grace period.
 */
import type { ServerLimits } from '../config.ts';
import type { ReplySpec } from './replies.ts';

type TransferLimits = Pick<
  ServerLimits,
  'dataTimeoutMs' | 'dataDeadlineMs' | 'minDataRate' | 'dataRateGraceMs'
>;

/**
 * The grace period while the server is full: long enough for any client to get going (a
 * transfer that starts then is not cut at its first octet), short against a slot held.
 */
const FULL_SERVER_GRACE_MS = 5000;

/** Why a transfer was cut. */
export type TransferStop = 'idle' | 'deadline' | 'too-slow';

export class TransferClock {
  readonly #limits: TransferLimits;
  readonly #startedAt: number;
  readonly #full: () => boolean;

  /** `full`: whether the server is full now (SessionDeps.full): a short grace period then. */
  constructor(limits: TransferLimits, now: number = Date.now(), full: () => boolean = () => false) {
    this.#limits = limits;
    this.#startedAt = now;
    this.#full = full;
  }

  /**
   * How long the next read may wait, `received` octets in: until the block timeout, the
   * deadline, or the moment the average rate would fall below the minimum, whichever is
   * first. 0 or less: the transfer is over its limits now.
   */
  waitMs(received: number, now: number = Date.now()): number {
    return Math.min(this.#limits.dataTimeoutMs, this.#limitAt(received) - now);
  }

  /** Which limit a read that timed out after {@link waitMs} ran into. */
  stopReason(received: number, now: number = Date.now()): TransferStop {
    if (now >= this.#startedAt + this.#limits.dataDeadlineMs) return 'deadline';
    return now >= this.#slowAt(received) ? 'too-slow' : 'idle';
  }

  #limitAt(received: number): number {
    return Math.min(this.#startedAt + this.#limits.dataDeadlineMs, this.#slowAt(received));
  }

  /** When the average rate since the start drops below the minimum, no more octets coming. */
  #slowAt(received: number): number {
    const { minDataRate, dataRateGraceMs } = this.#limits;
    if (minDataRate === 0) return Number.POSITIVE_INFINITY;
    const grace = this.#full() ? Math.min(dataRateGraceMs, FULL_SERVER_GRACE_MS) : dataRateGraceMs;
    return this.#startedAt + Math.max(grace, (received * 1000) / minDataRate);
  }
}

/** The 421 that ends a session whose content transfer was cut (RFC 5321 §3.8, §4.5.3.2). */
export function transferStopReply(stop: TransferStop, hostname: string, what: string): ReplySpec {
  const text =
    stop === 'deadline'
      ? `${hostname} ${what} took too long, closing connection`
      : stop === 'too-slow'
        ? `${hostname} ${what} arriving too slowly, closing connection`
        : `${hostname} Timeout waiting for ${what}`;
  return { code: 421, enhanced: '4.4.2', text };
}
