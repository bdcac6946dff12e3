/**
 * Turning delivery outcomes into recipient state, and deciding which DSNs are owed
 * (RFC 3461 NOTIFY; RFC 5321 §4.5.5 and §6.1: never one to the null reverse-path).
 */
import type { RecipientOutcome } from '../delivery/outcome.ts';
import type { EnvelopeRecipient } from '../message-store.ts';
import type { DsnAction, QueueRecord, RecipientState } from './record.ts';

/** Whether the sender asked for (or by default gets) a DSN with `action`. */
export function wantsDsn(
  reversePath: string,
  notify: EnvelopeRecipient['notify'],
  action: DsnAction,
): boolean {
  // RFC 5321 §4.5.5: notifications for a message with a null reverse-path MUST NOT be sent.
  if (reversePath === '') return false;
  // RFC 3461 §4.1: NEVER asks for none; a list asks for just those.
  if (notify === 'NEVER') return false;
  // RFC 3461 §4.1: without NOTIFY, failures are reported (FAILURE or FAILURE,DELAY) but not success.
  if (action === 'failed') return notify === undefined || notify.includes('FAILURE');
  return notify?.includes('SUCCESS') ?? false;
}

/**
 * Records `outcome` for recipient `index` of `record`, at `now`. A delivered recipient never
 * changes again (the queue retries only pending ones).
 */
export function applyOutcome(
  record: QueueRecord,
  index: number,
  outcome: RecipientOutcome,
  now: Date,
): void {
  const r = record.recipients[index];
  if (r === undefined || r.status !== 'pending') return;
  r.attempts++;
  r.lastAttemptAt = now.toISOString();
  r.statusCode = outcome.status;
  setOptional(r, 'diagnostic', outcome.diagnostic);
  setOptional(r, 'remoteMta', outcome.remoteMta);
  if (outcome.kind === 'retry') {
    r.lastError = outcome.reason;
    return;
  }
  if (outcome.kind === 'delivered') {
    r.status = 'delivered';
    delete r.lastError;
    if (
      outcome.dsnAction !== undefined &&
      wantsDsn(record.envelope.reversePath, r.notify, outcome.dsnAction)
    ) {
      r.dsnOwed = outcome.dsnAction;
    }
    return;
  }
  fail(record, r, outcome.status, outcome.reason);
}

/**
 * Gives up every pending recipient once the queue lifetime is over (RFC 5321 §4.5.4.1).
 * The Status keeps the last transient code (the reason it never went through), or 4.4.7
 * "delivery time expired" (RFC 3463) when there is none.
 */
export function expirePending(record: QueueRecord, lifetimeMs: number): void {
  const hours = Math.round((lifetimeMs / 3_600_000) * 10) / 10;
  for (const r of record.recipients) {
    if (r.status !== 'pending') continue;
    const last = r.lastError ?? 'no attempt succeeded';
    fail(
      record,
      r,
      r.statusCode ?? '4.4.7',
      `gave up after ${r.attempts} attempt(s) in ${hours} h: ${last}`,
    );
  }
}

function fail(record: QueueRecord, r: RecipientState, status: string, reason: string): void {
  r.status = 'failed';
  r.statusCode = status;
  r.lastError = reason;
  if (wantsDsn(record.envelope.reversePath, r.notify, 'failed')) r.dsnOwed = 'failed';
}

function setOptional<K extends 'diagnostic' | 'remoteMta'>(
  r: RecipientState,
  key: K,
  value: string | undefined,
): void {
  if (value === undefined) delete r[key];
  else r[key] = value;
}
