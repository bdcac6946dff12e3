/**
 * The reference MTA's mail queue: durable spool, recovery, scheduler, local delivery,
 * relaying and DSNs, behind one `createQueue`.
 *
 * Delivery is exactly once per recipient where we can make it so: a recipient is marked
 * delivered in its record (fsync + rename) right after its delivery succeeds, and only
 * pending recipients are retried after a restart. Local Maildir file names are derived
 * from the queue id and recipient, so a local delivery repeated after a crash finds its
 * earlier copy. One window remains on the relay path: a crash after the next hop's 250 and
 * before our record write relays that recipient again on restart; RFC 5321 §6.1 prefers
 * such a duplicate to a loss.
 */
import * as dns from 'node:dns/promises';
import { join } from 'node:path';
import { describeError } from '../../harness/errors.ts';
import type { ServerConfig } from '../config.ts';
import { LocalDeliverer } from '../delivery/local.ts';
import type { DnsResolver } from '../delivery/mx.ts';
import type { OutboundOptions } from '../delivery/outbound.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { Envelope, EnvelopeRecipient, MessageStore } from '../message-store.ts';
import { createLocalDirectory } from '../policy/recipients.ts';
import {
  type AttemptContext,
  type AttemptInput,
  type AttemptReport,
  runAttempt,
} from './attempt.ts';
import { deliverAtOnce } from './direct.ts';
import { Scheduler } from './scheduler.ts';
import { Spool, type SpoolRecovery } from './spool.ts';
import { contentOf } from './spool-content.ts';
import { SpoolError } from './spool-error.ts';
import { type SpooledMessage, SpoolMessageStore } from './store.ts';

/** Content of just-spooled messages kept for their first attempt, at most this many octets. */
const FRESH_BUDGET = 16 * 1024 * 1024;

/** The parts of the server config the queue reads. */
export type QueueConfig = Pick<
  ServerConfig,
  'hostname' | 'localDomains' | 'mailboxes' | 'routes' | 'dataDir' | 'queue' | 'dsn'
>;

/** Injected dependencies and settings the config does not (yet) carry. */
export interface QueueDeps {
  logger?: Logger;
  /** DNS for MX/A/AAAA; default `node:dns/promises`. Tests pass a fake: no real lookups. */
  resolver?: DnsResolver;
  /** Relay client timeouts and STARTTLS; defaults per RFC 5321 §4.5.3.2. */
  outbound?: Partial<Omit<OutboundOptions, 'helo' | 'signal'>>;
  /** How long `stop()` waits for running attempts before aborting them. Default 10 000 ms. */
  stopGraceMs?: number;
  /**
   * How relayed mail leaves (default the relay client, `relayToHops`). The fuzzer's
   * worker passes one that never connects anywhere: fuzzing must not send mail off loopback.
   */
  relay?: AttemptContext['relay'];
}

/**
 * The relay client (`delivery/relay.ts` `relayToHops`), loaded at the first relayed message
 * rather than at start: with it come the SMTP client and `node:tls`, about 4 MiB of resident
 * memory that an MTA delivering only to its own mailboxes never uses (issue 16).
 */
const relayLazily: AttemptContext['relay'] = async (hops, job, options) =>
  (await import('../delivery/relay.ts')).relayToHops(hops, job, options);

/** Counters since `start()`, and the current schedule. */
export interface QueueStats {
  /** Messages waiting for their next attempt. */
  waiting: number;
  /** Attempts in progress. */
  running: number;
  delivered: number;
  failed: number;
  dsnsSpooled: number;
  attemptErrors: number;
}

/** A running mail queue. */
export interface MailQueue {
  /** Give this to the server: `accept` resolves once the message is durable. */
  readonly store: MessageStore;
  /** Opens and recovers the spool, then starts delivering. Call before the server listens. */
  start(): Promise<SpoolRecovery>;
  /** Stops delivering (waiting for running attempts, bounded); the spool keeps everything. */
  stop(): Promise<void>;
  stats(): QueueStats;
  /** Resolves when nothing waits or runs (tests); rejects with TimeoutError after `timeoutMs`. */
  whenIdle(timeoutMs: number): Promise<void>;
  /** `<dataDir>/spool` and `<dataDir>/maildir`. */
  readonly spoolDir: string;
  readonly maildirDir: string;
}

const MINUTE = 60_000;
const DEFAULT_OUTBOUND = {
  connectTimeoutMs: MINUTE,
  replyTimeoutMs: 5 * MINUTE, // RFC 5321 §4.5.3.2.1-4: 5 minutes for most replies
  dataEndTimeoutMs: 10 * MINUTE, // RFC 5321 §4.5.3.2.6
  startTls: true,
};

/** Builds the queue for `config`; nothing touches the disk before `start()`. */
export function createQueue(config: QueueConfig, deps: QueueDeps = {}): MailQueue {
  return new SpoolQueue(config, deps);
}

class SpoolQueue implements MailQueue {
  readonly store: SpoolMessageStore;
  readonly spoolDir: string;
  readonly maildirDir: string;
  readonly #config: QueueConfig;
  readonly #deps: QueueDeps;
  readonly #logger: Logger;
  readonly #spool: Spool;
  readonly #scheduler: Scheduler;
  readonly #ctx: AttemptContext;
  readonly #counters = { delivered: 0, failed: 0, dsnsSpooled: 0, attemptErrors: 0 };
  /** Messages found in the spool at start (a crash may have left copies of them). */
  readonly #recovered = new Set<string>();
  /**
   * Small messages just spooled, with their content, until their first attempt takes them:
   * that attempt need not read back what was written a moment ago. Bounded by FRESH_BUDGET.
   */
  readonly #fresh = new Map<string, SpooledMessage>();
  #freshOctets = 0;
  #started = false;

  constructor(config: QueueConfig, deps: QueueDeps) {
    this.#config = config;
    this.#deps = deps;
    this.#logger = deps.logger ?? silentLogger;
    this.#spool = new Spool(join(config.dataDir, 'spool'));
    const local = new LocalDeliverer(config);
    this.spoolDir = this.#spool.root;
    this.maildirDir = local.root;
    this.#scheduler = new Scheduler({
      concurrency: config.queue.concurrency,
      run: (queueId, signal) => this.#attempt(queueId, signal),
      onError: (queueId, err) => this.#attemptFailed(queueId, err),
    });
    this.store = new SpoolMessageStore(
      this.#spool,
      (message) => this.#spooled(message),
      config.queue.deliverLocalAtOnce
        ? (queueId, envelope, content) => this.#deliverAtOnce(local, queueId, envelope, content)
        : undefined,
    );
    this.#ctx = this.#attemptContext(local);
  }

  async start(): Promise<SpoolRecovery> {
    // A second recovery would empty tmp/ under transactions in flight.
    if (this.#started)
      throw new SpoolError('already-started', 'spool: the queue is already started');
    this.#started = true;
    const recovery = await this.#spool.open();
    for (const q of recovery.quarantined) this.#logger.log('error', 'queue.quarantined', { ...q });
    this.#logger.log('info', 'queue.recovered', {
      live: recovery.live.length,
      removedTmp: recovery.removedTmp,
      removedOrphans: recovery.removedOrphans,
    });
    this.store.markOpen();
    for (const { queueId, dueAt } of recovery.live) {
      this.#recovered.add(queueId);
      this.#scheduler.schedule(queueId, dueAt);
    }
    this.#scheduler.start();
    return recovery;
  }

  async stop(): Promise<void> {
    await this.#scheduler.stop(this.#deps.stopGraceMs ?? 10_000);
    await this.#spool.close();
  }

  stats(): QueueStats {
    return {
      waiting: this.#scheduler.waiting,
      running: this.#scheduler.running,
      ...this.#counters,
    };
  }

  whenIdle(timeoutMs: number): Promise<void> {
    return this.#scheduler.whenIdle(timeoutMs);
  }

  #attemptContext(local: LocalDeliverer): AttemptContext {
    const config = this.#config;
    return {
      spool: this.#spool,
      local,
      relay: this.#deps.relay ?? relayLazily,
      routes: config.routes,
      resolver: this.#deps.resolver ?? dns,
      hostname: config.hostname,
      outbound: { ...DEFAULT_OUTBOUND, ...this.#deps.outbound, helo: config.hostname },
      retry: config.queue,
      bounce: {
        hostname: config.hostname,
        postmaster: `postmaster@${config.localDomains[0] ?? config.hostname}`,
        directory: createLocalDirectory(config),
        policy: config.dsn,
        enqueue: (envelope, content, dsnFor) => this.store.spool(envelope, content, dsnFor),
        onWithheld: (queueId, recipient, action) =>
          this.#logger.log('info', 'queue.dsn-withheld', { queueId, recipient, action }),
      },
      maxRecipientsPerTransaction: 100,
    };
  }

  async #attempt(queueId: string, signal: AbortSignal): Promise<number | undefined> {
    const recovered = this.#recovered.has(queueId);
    const fresh = this.#takeFresh(queueId);
    let report: AttemptReport;
    try {
      report = await runAttempt(queueId, this.#ctx, { recovered, signal, fresh });
    } catch (err) {
      if (!isUnusable(err)) throw err;
      // A record that no longer parses, or vanished, cannot be retried: set it aside.
      this.#logger.log('error', 'queue.quarantined', { queueId, reason: describeError(err) });
      await this.#spool.quarantine(queueId);
      this.#recovered.delete(queueId);
      return undefined;
    }
    this.#counters.delivered += report.delivered;
    this.#counters.failed += report.failed;
    if (report.dsnQueueId !== undefined) this.#counters.dsnsSpooled++;
    const { nextAt } = report;
    this.#logger.log('info', nextAt === undefined ? 'queue.done' : 'queue.deferred', {
      queueId,
      delivered: report.delivered,
      failed: report.failed,
      deferred: report.deferred,
      dsn: report.dsnQueueId,
      nextAttemptAt: nextAt === undefined ? undefined : new Date(nextAt).toISOString(),
    });
    if (nextAt === undefined) this.#recovered.delete(queueId);
    return nextAt;
  }

  #spooled(message: SpooledMessage): void {
    const { queueId } = message.record;
    this.#logger.log('debug', 'queue.spooled', { queueId });
    const size = message.content?.length;
    if (size !== undefined && this.#freshOctets + size <= FRESH_BUDGET) {
      this.#fresh.set(queueId, message);
      this.#freshOctets += size;
    }
    this.#scheduler.schedule(queueId, Date.now());
  }

  /** Local delivery at once (queue/direct.ts): counted and logged as an attempt would be. */
  async #deliverAtOnce(
    local: LocalDeliverer,
    queueId: string,
    envelope: Envelope,
    content: Buffer,
  ): Promise<EnvelopeRecipient[]> {
    const { left } = await deliverAtOnce(local, queueId, envelope, content);
    const delivered = envelope.recipients.length - left.length;
    this.#counters.delivered += delivered;
    this.#logger.log('info', 'queue.done', {
      queueId,
      delivered,
      failed: 0,
      deferred: left.length,
      atOnce: true,
    });
    return left;
  }

  /** The record and content of a message spooled a moment ago, if kept for its first attempt. */
  #takeFresh(queueId: string): AttemptInput | undefined {
    const message = this.#fresh.get(queueId);
    if (message === undefined || message.content === undefined) return undefined;
    this.#fresh.delete(queueId);
    this.#freshOctets -= message.content.length;
    return { record: message.record, content: contentOf(message.content) };
  }

  /** A broken attempt (disk trouble) is retried after the base interval, never dropped. */
  #attemptFailed(queueId: string, err: unknown): number {
    this.#counters.attemptErrors++;
    this.#logger.log('error', 'queue.attempt-error', { queueId, error: describeError(err) });
    return Date.now() + this.#config.queue.retryBaseMs;
  }
}

/** A record that does not parse, or a record or content that is gone. */
function isUnusable(err: unknown): boolean {
  // Branch on the stable fields, not on instanceof (style.md convention 12).
  const e = err as { failure?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e !== 'object' || e === null) return false;
  return e.failure === 'corrupt-record' || (e.failure === 'io' && e.cause?.code === 'ENOENT');
}
