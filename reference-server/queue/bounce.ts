/**
 * Spooling the DSN a message owes (RFC 3464, RFC 3461 §6): one report per message, once it
 * is finished, from the null reverse-path to the original reverse-path (RFC 5321 §4.5.5,
 * §6.1), under the configured notice policy (`dsn` in the config).
 */
import { parseMailbox } from '../../harness/wire/address.ts';
import type { DsnPolicy } from '../config.ts';
import { buildDsn, type DsnRecipient } from '../delivery/dsn.ts';
import { hasEightBit } from '../delivery/relay-params.ts';
import type { Envelope } from '../message-store.ts';
import { isLocalDestination, type LocalDirectory } from '../policy/recipients.ts';
import type { QueueRecord, RecipientState } from './record.ts';
import type { SpooledContent } from './spool-content.ts';

/** What spooling a DSN needs from the queue. */
export interface BounceContext {
  hostname: string;
  /** The DSN's From address (a human responsible for the MTA, RFC 3464 §2.1). */
  postmaster: string;
  directory: LocalDirectory;
  policy: DsnPolicy;
  /** Spools a new message durably and schedules it. */
  enqueue(envelope: Envelope, content: Buffer, dsnFor: string): Promise<string>;
  /** Told about each notice the policy withholds. */
  onWithheld?(queueId: string, recipient: string, action: string): void;
}

/**
 * Whether `dsn.successNotices` lets a SUCCESS ("delivered", "relayed") notice go to the
 * reverse-path of `record`. RFC 3461 lets any client ask for one; answering every such
 * request would mail a notice, on an unauthenticated client's say-so, to any address it
 * forged as reverse-path. So by default only a sender in one of our domains, or a client
 * trusted to relay, gets them.
 */
export function allowsSuccessNotice(record: QueueRecord, ctx: BounceContext): boolean {
  const policy = ctx.policy.successNotices;
  if (policy !== 'authorised') return policy === 'all';
  if (record.envelope.client.mayRelay === true) return true;
  const mailbox = parseMailbox(record.envelope.reversePath, { smtputf8: true });
  return (
    !(mailbox instanceof Error) &&
    isLocalDestination(ctx.directory, mailbox.domain, mailbox.isAddressLiteral)
  );
}

/**
 * Spools one DSN for every recipient with `dsnOwed` and clears the marks (the caller saves
 * the record afterwards). The DSN is spooled before the marks are cleared, so a crash in
 * between sends it twice rather than never. Returns the DSN's queue id, if one was spooled.
 */
export async function spoolOwedDsn(
  record: QueueRecord,
  original: SpooledContent,
  ctx: BounceContext,
): Promise<string | undefined> {
  const successAllowed = allowsSuccessNotice(record, ctx);
  for (const r of record.recipients) {
    if (r.dsnOwed === undefined || r.dsnOwed === 'failed' || successAllowed) continue;
    ctx.onWithheld?.(record.queueId, r.address, r.dsnOwed);
    delete r.dsnOwed;
  }
  const owed = record.recipients.filter((r) => r.dsnOwed !== undefined);
  if (owed.length === 0) return undefined;
  const sender = record.envelope.reversePath;
  let queueId: string | undefined;
  // RFC 5321 §4.5.5: never a notification to the null reverse-path (the marks are cleared anyway).
  if (sender !== '') {
    // Only what the notice may return is read: the whole of a small message, or the start
    // of a large one, where its header section is.
    const head = await original.head(ctx.policy.maxReturnedSize + 1);
    const content = dsnContent(record, owed, { head, size: original.size }, ctx);
    queueId = await ctx.enqueue(dsnEnvelope(record, content, ctx), content, record.queueId);
  }
  for (const r of owed) delete r.dsnOwed;
  return queueId;
}

function dsnContent(
  record: QueueRecord,
  owed: RecipientState[],
  original: { head: Buffer; size: number },
  ctx: BounceContext,
): Buffer {
  const anyFailed = owed.some((r) => r.dsnOwed === 'failed');
  const recipients: DsnRecipient[] = owed.map((r) => ({
    address: r.address,
    ...(r.orcpt === undefined ? {} : { orcpt: r.orcpt }),
    action: r.dsnOwed ?? 'failed',
    status: r.statusCode ?? (r.dsnOwed === 'failed' ? '5.0.0' : '2.0.0'),
    ...(r.diagnostic === undefined ? {} : { diagnostic: r.diagnostic }),
    ...(r.remoteMta === undefined ? {} : { remoteMta: r.remoteMta }),
    ...(r.lastAttemptAt === undefined ? {} : { lastAttemptAt: new Date(r.lastAttemptAt) }),
    reason: r.lastError ?? (r.dsnOwed === 'failed' ? 'delivery failed' : 'delivery succeeded'),
  }));
  return buildDsn({
    reportingMta: ctx.hostname,
    from: ctx.postmaster,
    to: record.envelope.reversePath,
    ...(record.envelope.envid === undefined ? {} : { envid: record.envelope.envid }),
    arrivalDate: arrivalOf(record),
    recipients,
    original: original.head,
    originalSize: original.size,
    // RFC 3461 §4.3: RET=FULL applies to "failed" DSNs; other reports carry the headers only.
    ret: anyFailed && record.envelope.ret !== 'HDRS' ? 'FULL' : 'HDRS',
    maxReturnedSize: ctx.policy.maxReturnedSize,
    utf8: record.envelope.smtputf8,
    date: new Date(),
  });
}

function dsnEnvelope(record: QueueRecord, content: Buffer, ctx: BounceContext): Envelope {
  const to = record.envelope.reversePath;
  const mailbox = parseMailbox(to, { smtputf8: true });
  const local =
    !(mailbox instanceof Error) &&
    isLocalDestination(ctx.directory, mailbox.domain, mailbox.isAddressLiteral);
  return {
    reversePath: '',
    recipients: [{ address: to, local }],
    ...(hasEightBit(content) ? { body: '8BITMIME' as const } : {}),
    smtputf8: record.envelope.smtputf8,
    receivedAt: new Date().toISOString(),
    // Generated here, not received: no client.
    client: { address: '', helo: ctx.hostname, tls: false },
  };
}

/** Arrival-Date (RFC 3464 §2.2.5): when the session accepted it, else when we spooled it. */
function arrivalOf(record: QueueRecord): Date {
  const received = new Date(record.envelope.receivedAt);
  return Number.isNaN(received.getTime()) ? new Date(record.queuedAt) : received;
}
