/**
 * The end of a message (RFC 5321 §4.1.1.4 after CRLF.CRLF, RFC 3030 §2 after BDAT LAST):
 * content checks, the onData hook, our Received: field, and the store. The 250 reply is
 * sent only once the store has the message (§6.1).
 */
import { describeError, TimeoutError } from '../../harness/errors.ts';
import { formatMailbox } from '../../harness/wire/command.ts';
import type { Envelope } from '../message-store.ts';
import type { SessionContext, Transaction } from '../session/context.ts';
import { applyDecision, runHook } from '../session/decisions.ts';
import { REPLIES, type ReplySpec, safeText } from '../session/replies.ts';
import { countReceivedFields, formatReceived, protocolName } from './trace.ts';

/** The content as it arrived, with what was noticed on the way. */
export interface ArrivedMessage {
  /** Unstuffed content, without our Received: field; empty when `sizeExceeded`. */
  content: Buffer;
  sizeExceeded: boolean;
  /** Bare CR or LF octets seen (RFC 5321 §2.3.8); not counted for BINARYMIME. */
  bareLineEnds: number;
  /** Text lines longer than `limits.maxLineLength` (§4.5.3.1.6); not counted for BINARYMIME. */
  longLines: number;
}

/** Checks that refuse the message before any hook runs; `undefined` when it passes. */
function contentProblem(s: SessionContext, msg: ArrivedMessage): ReplySpec | undefined {
  const limits = s.deps.config.limits;
  // RFC 1870 §6.3 / RFC 5321 §4.5.3.1.10: "552 Too much mail data".
  if (msg.sizeExceeded) return REPLIES.sizeExceeded;
  // RFC 5321 §2.3.8 / §4.1.1.4: bare CR and LF never end a line or the data; we refuse
  // such content rather than pass an ambiguous message on (SMTP smuggling defence).
  if (msg.bareLineEnds > 0) {
    return {
      code: 554,
      enhanced: '5.6.0',
      text: 'Message contains bare CR or LF (RFC 5321 section 2.3.8); not accepted',
    };
  }
  // RFC 5321 §4.5.3.1.6: text lines are at most 1000 octets with CRLF, which we advertise
  // no extension to raise; §4.5.3.1 lets a server refuse longer ones, and we do rather than
  // store (or relay) a line no next hop has to take. §4.3.2 allows 554 after DATA.
  if (msg.longLines > 0) {
    return {
      code: 554,
      enhanced: '5.6.0',
      text: `Message has a line longer than ${limits.maxLineLength} octets (RFC 5321 section 4.5.3.1.6); not accepted`,
    };
  }
  // RFC 5321 §6.3: too many Received: fields means a mail loop; RFC 3463 X.4.6.
  if (countReceivedFields(msg.content, limits.maxReceivedHeaders) > limits.maxReceivedHeaders) {
    return {
      code: 554,
      enhanced: '5.4.6',
      text: 'Too many Received: header fields, mail loop detected',
    };
  }
  return undefined;
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

/** Stores the message, bounded by `dataEndTimeoutMs` (RFC 5321 §4.5.3.2.6). */
async function store(s: SessionContext, envelope: Envelope, content: Buffer): Promise<ReplySpec> {
  const ms = s.deps.config.limits.dataEndTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError('answer from the message store', ms)), ms);
  });
  try {
    const { queueId } = await Promise.race([s.deps.store.accept(envelope, content), timeout]);
    s.log('info', 'message.accepted', {
      queueId,
      size: content.length,
      recipients: envelope.recipients.length,
    });
    return { code: 250, enhanced: '2.0.0', text: `OK: queued as ${safeText(queueId, 64)}` };
  } catch (err) {
    s.log('error', 'message.store-failed', { error: describeError(err) });
    return REPLIES.localError;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ends the transaction and sends the one final reply for the message. The transaction is
 * cleared whatever the outcome (RFC 5321 §4.1.1.4: end of data clears the buffers).
 */
export async function finishMessage(s: SessionContext, msg: ArrivedMessage): Promise<void> {
  const tx = s.transaction;
  s.resetTransaction();
  if (tx === undefined) return s.reply(REPLIES.needMail);
  const problem = contentProblem(s, msg);
  if (problem !== undefined) {
    s.log('info', 'message.refused', { code: problem.code, size: msg.content.length });
    return s.reply({ ...problem, countsAsError: false });
  }
  const envelope = buildEnvelope(s, tx);
  const content = Buffer.concat([traceField(s, tx), msg.content]);
  const decision = await runHook(s, 'onData', () =>
    s.deps.hooks.onData(s.info(), envelope, content),
  );
  if (!applyDecision(s, decision)) return;
  s.reply({ ...(await store(s, envelope, content)), countsAsError: false });
}
