/**
 * DATA (RFC 5321 §4.1.1.4): 354, then content through the shared DotUnstuffDecoder until
 * CRLF.CRLF and nothing else (bare LF/CR and smuggling look-alikes never end it). The
 * content goes to the store as it arrives (message/receipt.ts), never whole in memory.
 */
import { DotUnstuffDecoder } from '../../harness/wire/dot-unstuff-decoder.ts';
import { finishMessage } from '../message/finish.ts';
import type { MessageReceipt } from '../message/receipt.ts';
import { startReceipt } from '../message/start.ts';
import type { SessionContext } from '../session/context.ts';
import { REPLIES, type ReplySpec } from '../session/replies.ts';
import { TransferClock, transferStopReply } from '../session/transfer-clock.ts';
import type { VerbHandler } from './handler.ts';

/** Octets read from the session input at a time. */
const READ = 64 * 1024;

/** RFC 5321 §3.3 / §4.1.4 and RFC 3030 §2-3: when DATA may not start now. */
function dataSequence(s: SessionContext): ReplySpec | undefined {
  const tx = s.transaction;
  if (tx === undefined || (s.state !== 'mail' && s.state !== 'rcpt' && s.state !== 'bdat'))
    return REPLIES.needMail;
  // RFC 3030 §2: DATA and BDAT cannot be mixed in one transaction: 503.
  if (tx.usesBdat)
    return { code: 503, enhanced: '5.5.1', text: 'Bad sequence of commands: DATA after BDAT' };
  // RFC 3030 §3: a BODY=BINARYMIME message can only be sent with BDAT.
  if (tx.body === 'BINARYMIME') {
    return {
      code: 503,
      enhanced: '5.5.1',
      text: 'Bad sequence of commands: BODY=BINARYMIME requires BDAT',
    };
  }
  // RFC 5321 §3.3: no recipient: 503 if none was tried, 554 "no valid recipients" otherwise.
  if (tx.recipients.length === 0)
    return tx.rcptAttempts > 0 ? REPLIES.noValidRecipients : REPLIES.needRcpt;
  return undefined;
}

/**
 * Reads content up to CRLF.CRLF into `receipt`; false when the session ended first
 * (timeout, a transfer limit, shutdown or close), after the 421 where one is due.
 */
async function readContent(s: SessionContext, receipt: MessageReceipt): Promise<boolean> {
  const limits = s.deps.config.limits;
  const options = { maxSize: limits.maxMessageSize, maxLineLength: limits.maxLineLength };
  const decoder = s.deps.seams.dataDecoder?.(options) ?? new DotUnstuffDecoder(options);
  // Octets of the transfer so far (what the decoder has been given).
  let octets = 0;
  const clock = new TransferClock(limits, Date.now(), s.deps.full);
  let lookAlikes = 0;
  for (;;) {
    // Octets already buffered are read even at the limit; only a wait is cut short.
    const wait = Math.max(0, clock.waitMs(octets));
    const chunk = await s.input.readChunk(READ, wait);
    if (typeof chunk === 'string') {
      if (chunk === 'timeout') {
        const stop = clock.stopReason(octets);
        s.log('info', 'data.cut', { stop, octets });
        s.closeWith(transferStopReply(stop, s.deps.config.hostname, 'message data'));
      } else if (chunk === 'interrupted')
        s.closeWith({
          code: 421,
          enhanced: '4.3.2',
          text: `${s.deps.config.hostname} Service shutting down`,
        });
      return false;
    }
    octets += chunk.length;
    const step = decoder.push(chunk);
    for (const event of step.events) {
      if (event.kind === 'bare-cr' || event.kind === 'bare-lf') receipt.bareLineEnds++;
      else if (event.kind === 'end-of-data-look-alike') lookAlikes++;
      else if (event.kind === 'line-too-long') receipt.longLines++;
      else if (event.kind === 'size-exceeded') receipt.sizeExceeded = true;
    }
    // A line outgrowing the limit is caught before its end: none of it past the limit is kept.
    const open = decoder.openLineLength ?? 0;
    if (!step.done && open > limits.maxLineLength) receipt.longLines++;
    for (const piece of step.data) await receipt.append(piece);
    if (step.done) {
      if (decoder.sizeExceeded) receipt.sizeExceeded = true;
      s.input.unshift(step.remainder ?? Buffer.alloc(0));
      if (receipt.bareLineEnds > 0 || lookAlikes > 0)
        s.log('warn', 'data.bare-line-ends', { bareLineEnds: receipt.bareLineEnds, lookAlikes });
      return true;
    }
  }
}

/** DATA: sequence per dataSequence; the final reply comes from finishMessage. */
export const data: VerbHandler<'DATA'> = {
  sequence: dataSequence,
  async handle(s) {
    const tx = s.transaction;
    if (tx === undefined) return s.reply(REPLIES.needMail);
    // RFC 5321 §4.3.2: DATA I: 354 -> data -> 250 / 552, 554, 451, 452 / 450, 550.
    s.reply({ code: 354, text: 'Start mail input; end with <CRLF>.<CRLF>' });
    s.state = 'data';
    const receipt = startReceipt(s, tx);
    tx.receipt = receipt;
    if (!(await readContent(s, receipt))) return void (await receipt.discard());
    await finishMessage(s);
  },
};
