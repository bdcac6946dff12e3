/**
 * The end of a message (RFC 5321 §4.1.1.4 after CRLF.CRLF, RFC 3030 §2 after BDAT LAST):
 * content checks, the onData hook, and the commit to the store. The 250 reply is sent only
 * once the store has the message durably (§6.1).
 */
import { describeError, TimeoutError } from '../../harness/errors.ts';
import type { ServerLimits } from '../config.ts';
import type { SessionContext } from '../session/context.ts';
import { applyDecision, runHook } from '../session/decisions.ts';
import { REPLIES, type ReplySpec, safeText } from '../session/replies.ts';
import type { MessageReceipt } from './receipt.ts';
import { countReceivedFields } from './trace.ts';

/** Checks that refuse the message before any hook runs; `undefined` when it passes. */
function contentProblem(limits: ServerLimits, receipt: MessageReceipt): ReplySpec | undefined {
  // RFC 1870 §6.3 / RFC 5321 §4.5.3.1.10: "552 Too much mail data".
  if (receipt.sizeExceeded) return REPLIES.sizeExceeded;
  // RFC 5321 §2.3.8 / §4.1.1.4: bare CR and LF never end a line or the data; we refuse
  // such content rather than pass an ambiguous message on (SMTP smuggling defence).
  if (receipt.bareLineEnds > 0) {
    return {
      code: 554,
      enhanced: '5.6.0',
      text: 'Message contains bare CR or LF (RFC 5321 section 2.3.8); not accepted',
    };
  }
  // RFC 5321 §4.5.3.1.6: text lines are at most 1000 octets with CRLF, which we advertise
  // no extension to raise; §4.5.3.1 lets a server refuse longer ones, and we do rather than
  // store (or relay) a line no next hop has to take. §4.3.2 allows 554 after DATA.
  if (receipt.longLines > 0) {
    return {
      code: 554,
      enhanced: '5.6.0',
      text: `Message has a line longer than ${limits.maxLineLength} octets (RFC 5321 section 4.5.3.1.6); not accepted`,
    };
  }
  // RFC 5321 §6.3: too many Received: fields means a mail loop; RFC 3463 X.4.6. They are
  // counted in the first 64 KiB of the content, where any real header section ends.
  if (countReceivedFields(receipt.head, limits.maxReceivedHeaders) > limits.maxReceivedHeaders) {
    return {
      code: 554,
      enhanced: '5.4.6',
      text: 'Too many Received: header fields, mail loop detected',
    };
  }
  return undefined;
}

/** Commits the message, bounded by `dataEndTimeoutMs` (RFC 5321 §4.5.3.2.6). */
async function commit(s: SessionContext, receipt: MessageReceipt): Promise<ReplySpec> {
  const ms = s.deps.config.limits.dataEndTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError('answer from the message store', ms)), ms);
  });
  try {
    const { queueId } = await Promise.race([receipt.commit(), timeout]);
    s.log('info', 'message.accepted', {
      queueId,
      size: receipt.traceSize + receipt.received,
      recipients: receipt.envelope.recipients.length,
    });
    return { code: 250, enhanced: '2.0.0', text: `OK: queued as ${safeText(queueId, 64)}` };
  } catch (err) {
    s.log('error', 'message.store-failed', { error: describeError(err) });
    await receipt.discard();
    return REPLIES.localError;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ends the transaction and sends the one final reply for the message. The transaction is
 * cleared whatever the outcome (RFC 5321 §4.1.1.4: end of data clears the buffers).
 */
export async function finishMessage(s: SessionContext): Promise<void> {
  const tx = s.transaction;
  const receipt = tx?.receipt;
  // The receipt is ours now: clearing the transaction must not drop it.
  if (tx !== undefined) tx.receipt = undefined;
  s.resetTransaction();
  if (receipt === undefined) return s.reply(REPLIES.needMail);
  const problem = contentProblem(s.deps.config.limits, receipt);
  if (problem !== undefined) {
    await receipt.discard();
    s.log('info', 'message.refused', { code: problem.code, size: receipt.received });
    return s.reply({ ...problem, countsAsError: false });
  }
  const decision = await runHook(s, 'onData', () =>
    s.deps.hooks.onData(s.info(), receipt.envelope, {
      size: receipt.traceSize + receipt.received,
      head: receipt.storedHead(),
    }),
  );
  if (!applyDecision(s, decision)) return void (await receipt.discard());
  s.reply({ ...(await commit(s, receipt)), countsAsError: false });
}
