/**
 * One delivery attempt of one spooled message: local recipients into their Maildirs,
 * foreign ones relayed per route, each result saved durably before anything else, then the
 * DSN a finished message owes, then the next attempt or the removal of a finished message.
 */
import type { LocalDeliverer } from '../delivery/local.ts';
import type { DnsResolver, NextHop } from '../delivery/mx.ts';
import type { OutboundOptions } from '../delivery/outbound.ts';
import { outcomeOfFailure, type RecipientOutcome } from '../delivery/outcome.ts';
import type { RelayJob } from '../delivery/relay.ts';
import { hasEightBit } from '../delivery/relay-params.ts';
import { applyOutcome, expirePending } from './apply-outcome.ts';
import { nextAttemptAt, type RetryPolicy } from './backoff.ts';
import { type BounceContext, spoolOwedDsn } from './bounce.ts';
import type { QueueRecord } from './record.ts';
import { routeGroups } from './route-groups.ts';
import type { Spool } from './spool.ts';
import type { SpooledContent } from './spool-content.ts';

/** Everything an attempt uses; built once by the queue. */
export interface AttemptContext {
  spool: Spool;
  local: LocalDeliverer;
  relay: (
    hops: readonly NextHop[],
    job: RelayJob,
    options: OutboundOptions,
  ) => Promise<RecipientOutcome[]>;
  routes: Readonly<Record<string, string>>;
  resolver: DnsResolver;
  hostname: string;
  outbound: Omit<OutboundOptions, 'signal'>;
  retry: RetryPolicy;
  bounce: BounceContext;
  /** Most recipients per relayed transaction (RFC 5321 §4.5.3.1.8: servers take at least 100). */
  maxRecipientsPerTransaction: number;
}

/** A message's record and content, when the caller has them already (just spooled). */
export interface AttemptInput {
  record: QueueRecord;
  content: SpooledContent;
}

/** What one attempt did, for counters and logs. */
export interface AttemptReport {
  /** The next attempt (ms since the epoch), or undefined when the message is finished. */
  nextAt: number | undefined;
  delivered: number;
  failed: number;
  deferred: number;
  dsnQueueId: string | undefined;
}

/**
 * Runs one attempt for `queueId`. `recovered`: the message was found in the spool at start
 * (local delivery then looks for copies a crash may have left). Aborting stops relaying;
 * transient results of an aborted attempt are not recorded (it did not really happen).
 */
export async function runAttempt(
  queueId: string,
  ctx: AttemptContext,
  options: { recovered: boolean; signal: AbortSignal; fresh?: AttemptInput | undefined },
): Promise<AttemptReport> {
  const { record, content } = options.fresh ?? (await ctx.spool.read(queueId));
  const before = counts(record);
  if (before.pending > 0) {
    await deliverLocal(record, content, ctx, options.recovered);
    await deliverRelayed(record, content, ctx, options.signal);
  }
  const after = counts(record);
  let nextAt: number | undefined;
  if (after.pending > 0 && !options.signal.aborted) {
    record.attempts++;
    nextAt = nextAttemptAt(Date.parse(record.queuedAt), record.attempts, Date.now(), ctx.retry);
    if (nextAt === undefined) expirePending(record, ctx.retry.lifetimeMs);
    else record.nextAttemptAt = new Date(nextAt).toISOString();
    record.lastError = record.recipients.find((r) => r.status === 'pending')?.lastError;
    await ctx.spool.save(record);
  } else if (after.pending > 0) {
    nextAt = Date.parse(record.nextAttemptAt);
  }
  // One notice per message (RFC 3464 allows one report for many recipients): the marks
  // collect in the record until no recipient is pending, then a single DSN reports them all.
  // It is spooled before the message is removed, so a crash in between sends it twice
  // rather than never (RFC 5321 §6.1).
  const finished = counts(record).pending === 0;
  const dsnQueueId = finished ? await spoolOwedDsn(record, content, ctx.bounce) : undefined;
  const final = counts(record);
  // Local copies are found again by their Maildir names: only a relayed recipient or a DSN
  // makes the removal need its directory fsync (see Spool.remove).
  const durable = dsnQueueId !== undefined || record.recipients.some((r) => !r.local);
  if (final.pending === 0) await ctx.spool.remove(queueId, { durable });
  return {
    nextAt: final.pending === 0 ? undefined : nextAt,
    delivered: final.delivered - before.delivered,
    failed: final.failed - before.failed,
    deferred: final.pending,
    dsnQueueId,
  };
}

function counts(record: QueueRecord): {
  pending: number;
  delivered: number;
  failed: number;
  owed: number;
} {
  const c = { pending: 0, delivered: 0, failed: 0, owed: 0 };
  for (const r of record.recipients) {
    c[r.status]++;
    if (r.dsnOwed !== undefined) c.owed++;
  }
  return c;
}

/** Local recipients, then one durable save (Maildir names make a repeat harmless). */
async function deliverLocal(
  record: QueueRecord,
  content: SpooledContent,
  ctx: AttemptContext,
  recovered: boolean,
): Promise<void> {
  let touched = false;
  for (const [index, r] of record.recipients.entries()) {
    if (r.status !== 'pending' || !r.local) continue;
    const outcome = await ctx.local.deliver({
      queueId: record.queueId,
      queuedAt: new Date(record.queuedAt),
      reversePath: record.envelope.reversePath,
      address: r.address,
      ...(r.notify === undefined ? {} : { notify: r.notify }),
      recipientIndex: index,
      content,
      recovered,
    });
    applyOutcome(record, index, outcome, new Date());
    touched = true;
  }
  if (touched) await saveUnlessFinished(record, ctx);
}

/**
 * Saves the record after a delivery step, except when nothing is left to do (no recipient
 * pending, no DSN owed): then the caller removes the message next, with nothing in between,
 * and that durable removal is the "done" mark. A crash before it finds the initial record
 * and runs the attempt again: local copies are found by their Maildir names (derived from
 * queue id and recipient index), and a relayed recipient is relayed again, the same
 * window a crash before this save would leave (RFC 5321 §6.1 prefers it to a loss).
 */
async function saveUnlessFinished(record: QueueRecord, ctx: AttemptContext): Promise<void> {
  const c = counts(record);
  if (c.pending === 0 && c.owed === 0) return;
  await ctx.spool.save(record);
}

/**
 * Foreign recipients grouped by route, each group one transaction per chunk; the record is
 * saved right after each transaction, before the next begins.
 */
async function deliverRelayed(
  record: QueueRecord,
  content: SpooledContent,
  ctx: AttemptContext,
  signal: AbortSignal,
): Promise<void> {
  const routeOptions = { routes: ctx.routes, resolver: ctx.resolver, hostname: ctx.hostname };
  let eightBit: boolean | undefined;
  for (const group of await routeGroups(record, routeOptions, ctx.maxRecipientsPerTransaction)) {
    if (signal.aborted) return;
    const { route, indexes } = group;
    let outcomes: RecipientOutcome[];
    if (route.kind === 'failed') outcomes = indexes.map(() => outcomeOfFailure(route.failure));
    else {
      eightBit ??= await eightBitIn(record, content);
      const job = relayJob(record, indexes, content, eightBit);
      outcomes = await ctx.relay(route.hops, job, { ...ctx.outbound, signal });
    }
    const now = new Date();
    for (const [i, index] of indexes.entries()) {
      const outcome = outcomes[i];
      // An aborted attempt's transient results are not real attempts: leave them pending.
      if (outcome === undefined || (signal.aborted && outcome.kind === 'retry')) continue;
      applyOutcome(record, index, outcome, now);
    }
    await saveUnlessFinished(record, ctx);
  }
}

/**
 * Whether the content has an octet above 127 (it then needs 8BITMIME, RFC 6152): declared
 * by BODY=, else found by reading the content once (streamed, a piece at a time).
 */
async function eightBitIn(record: QueueRecord, content: SpooledContent): Promise<boolean> {
  const body = record.envelope.body;
  if (body === '8BITMIME' || body === 'BINARYMIME') return true;
  for await (const chunk of content.chunks()) if (hasEightBit(chunk)) return true;
  return false;
}

function relayJob(
  record: QueueRecord,
  indexes: readonly number[],
  content: SpooledContent,
  eightBit: boolean,
): RelayJob {
  const { reversePath, body, smtputf8, ret, envid } = record.envelope;
  return {
    envelope: {
      reversePath,
      smtputf8,
      ...(body ? { body } : {}),
      ...(ret ? { ret } : {}),
      ...(envid ? { envid } : {}),
    },
    recipients: indexes.map((i) => {
      const r = record.recipients[i];
      if (r === undefined) throw new RangeError(`no recipient ${i}`);
      return {
        address: r.address,
        ...(r.notify ? { notify: r.notify } : {}),
        ...(r.orcpt ? { orcpt: r.orcpt } : {}),
      };
    }),
    content,
    eightBit,
  };
}
