/**
 * The start of a message's receipt in a session: its envelope as known when the content
 * begins, and our Received: field (RFC 5321 §4.4).
 */
import { formatMailbox } from '../../harness/wire/command.ts';
import type { Envelope } from '../message-store.ts';
import type { SessionContext, Transaction } from '../session/context.ts';
import { MessageReceipt } from './receipt.ts';
import { formatReceived, protocolName } from './trace.ts';

/** A receipt for the content of `tx`, with a draft open in the session's store. */
export function startReceipt(s: SessionContext, tx: Transaction): MessageReceipt {
  return new MessageReceipt(s.deps.store, buildEnvelope(s, tx), traceField(s, tx));
}

function buildEnvelope(s: SessionContext, tx: Transaction): Envelope {
  const info = s.info();
  const envelope: Envelope = {
    reversePath: tx.reversePath.mailbox === null ? '' : formatMailbox(tx.reversePath.mailbox),
    recipients: tx.recipients,
    smtputf8: tx.smtputf8,
    receivedAt: new Date().toISOString(),
    client: { address: info.remoteAddress, helo: s.helo?.name ?? '', tls: s.tls },
  };
  if (tx.body !== undefined) envelope.body = tx.body;
  if (tx.ret !== undefined) envelope.ret = tx.ret;
  if (tx.envid !== undefined) envelope.envid = tx.envid;
  if (tx.size !== undefined) envelope.size = tx.size;
  if (s.authenticatedAs !== undefined) envelope.client.authenticatedAs = s.authenticatedAs;
  if (s.deps.mayRelay(info)) envelope.client.mayRelay = true;
  return envelope;
}

/** RFC 5321 §4.4: every accepted message gets our Received: field first. */
function traceField(s: SessionContext, tx: Transaction): Buffer {
  const only = tx.recipients.length === 1 ? tx.recipients[0]?.address : undefined;
  return formatReceived({
    helo: s.helo?.name ?? 'unknown',
    clientAddress: s.info().remoteAddress,
    by: s.deps.config.hostname,
    protocol: protocolName({
      ehlo: s.helo?.verb === 'EHLO',
      tls: s.tls,
      authenticated: s.authenticatedAs !== undefined,
      smtputf8: tx.smtputf8,
    }),
    id: tx.id,
    ...(only !== undefined ? { forPath: `<${only}>` } : {}),
    date: new Date(),
  });
}
