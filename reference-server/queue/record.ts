/**
 * The envelope record of a spooled message: the envelope as accepted plus the queue state
 * (per-recipient status, attempts, next attempt, last error). State lives here, never in
 * file names (style.md, Queue anti-patterns).
 */
import type { Envelope, EnvelopeRecipient } from '../message-store.ts';
import { SpoolError } from './spool-error.ts';

/** A DSN this recipient is owed (RFC 3464 §2.3.3 action values we issue). */
export type DsnAction = 'failed' | 'delivered' | 'relayed';

/** One recipient and where its delivery stands. */
export interface RecipientState extends EnvelopeRecipient {
  /** `pending` until delivered or given up; only pending recipients are ever retried. */
  status: 'pending' | 'delivered' | 'failed';
  /** Delivery attempts made for this recipient. */
  attempts: number;
  /** ISO-8601 time of the last attempt (DSN Last-Attempt-Date, RFC 3464 §2.3.7). */
  lastAttemptAt?: string;
  /** RFC 3463 status of the last attempt, e.g. `4.4.1` (DSN Status, RFC 3464 §2.3.4). */
  statusCode?: string;
  /** Diagnostic-Code value, e.g. `smtp; 550 5.1.1 No such user` (RFC 3464 §2.3.6). */
  diagnostic?: string;
  /** One-line description of the last failure, for people and logs. */
  lastError?: string;
  /** The host that answered, e.g. `dns; mx.b.test` (RFC 3464 §2.3.5 Remote-MTA). */
  remoteMta?: string;
  /** Set when a DSN must still be spooled for this recipient; cleared once it is. */
  dsnOwed?: DsnAction;
}

/** The JSON record: the first line of `queue/<queue id>.msg`, then `queue/<queue id>.state`. */
export interface QueueRecord {
  version: 1;
  queueId: string;
  /** The envelope as accepted, without its recipients (they are in `recipients`). */
  envelope: Omit<Envelope, 'recipients'>;
  recipients: RecipientState[];
  /** ISO-8601 time the spool took the message; the queue lifetime counts from here. */
  queuedAt: string;
  /** Attempts that left at least one recipient pending. */
  attempts: number;
  /** ISO-8601 time of the next attempt. */
  nextAttemptAt: string;
  /** The last failure of the message as a whole, for people and logs. */
  lastError?: string;
  /** For a DSN we generated: the queue id of the message it reports on. */
  dsnFor?: string;
}

/** The record of a message just accepted: every recipient pending, due now. */
export function initialRecord(
  queueId: string,
  envelope: Envelope,
  now: Date,
  dsnFor?: string,
): QueueRecord {
  const { recipients, ...rest } = envelope;
  const at = now.toISOString();
  return {
    version: 1,
    queueId,
    envelope: rest,
    recipients: recipients.map((r) => ({ ...r, status: 'pending', attempts: 0 })),
    queuedAt: at,
    attempts: 0,
    nextAttemptAt: at,
    ...(dsnFor === undefined ? {} : { dsnFor }),
  };
}

/** Checks an envelope handed to the spool; throws a one-line SpoolError when unusable. */
export function checkEnvelope(envelope: Envelope): void {
  const why = envelopeProblem(envelope);
  if (why !== undefined)
    throw new SpoolError('invalid-envelope', `spool: refused envelope: ${why}`);
}

function envelopeProblem(envelope: Envelope): string | undefined {
  if (typeof envelope !== 'object' || envelope === null) return 'envelope is not an object';
  if (typeof envelope.reversePath !== 'string') return 'reversePath is not a string';
  if (!Array.isArray(envelope.recipients) || envelope.recipients.length === 0) {
    return 'no recipients';
  }
  for (const r of envelope.recipients) {
    if (typeof r?.address !== 'string' || r.address.length === 0)
      return 'a recipient has no address';
    if (typeof r.local !== 'boolean') return `recipient ${r.address} lacks 'local'`;
  }
  if (typeof envelope.receivedAt !== 'string') return 'receivedAt is not a string';
  return undefined;
}

const STATUSES = new Set(['pending', 'delivered', 'failed']);

/** Parses a stored record; throws SpoolError(`corrupt-record`) naming the file on any defect. */
export function parseRecord(text: string, file: string): QueueRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw corrupt(file, 'not JSON');
  }
  const r = value as Partial<QueueRecord> | null;
  if (typeof r !== 'object' || r === null || r.version !== 1)
    throw corrupt(file, 'not a version 1 record');
  if (typeof r.queueId !== 'string' || typeof r.envelope !== 'object' || r.envelope === null) {
    throw corrupt(file, 'queueId or envelope missing');
  }
  if (typeof r.envelope.reversePath !== 'string') throw corrupt(file, 'reversePath missing');
  if (!Array.isArray(r.recipients) || r.recipients.length === 0)
    throw corrupt(file, 'no recipients');
  for (const rcpt of r.recipients) {
    if (typeof rcpt?.address !== 'string' || !STATUSES.has(rcpt.status)) {
      throw corrupt(file, 'a recipient has no address or status');
    }
    if (!Number.isSafeInteger(rcpt.attempts))
      throw corrupt(file, 'a recipient has no attempt count');
  }
  for (const key of ['queuedAt', 'nextAttemptAt'] as const) {
    if (typeof r[key] !== 'string' || Number.isNaN(Date.parse(r[key])))
      throw corrupt(file, `${key} is not a time`);
  }
  if (!Number.isSafeInteger(r.attempts)) throw corrupt(file, 'attempts is not an integer');
  return r as QueueRecord;
}

function corrupt(file: string, why: string): SpoolError {
  return new SpoolError('corrupt-record', `spool: ${file}: ${why}`);
}
