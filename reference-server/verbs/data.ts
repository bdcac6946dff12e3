/**
 * DATA (RFC 5321 §4.1.1.4): 354, then content through the shared DotUnstuffDecoder until
 * CRLF.CRLF and nothing else (bare LF/CR and smuggling look-alikes never end it).
 */
import { DotUnstuffDecoder } from '../../harness/wire/dot-unstuff-decoder.ts';
import { ContentBuffer } from '../message/content-buffer.ts';
import { finishMessage } from '../message/finish.ts';
import type { SessionContext } from '../session/context.ts';
import { REPLIES, type ReplySpec } from '../session/replies.ts';
import { TransferClock, transferStopReply } from '../session/transfer-clock.ts';
import type { VerbHandler } from './handler.ts';

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

/** What reading the content noticed. */
interface DataOutcome {
  content: ContentBuffer;
  sizeExceeded: boolean;
  bareLineEnds: number;
  lookAlikes: number;
  longLines: number;
}

/** Reads content up to CRLF.CRLF; `undefined` when the session ended first (timeout or close). */
async function readContent(s: SessionContext): Promise<DataOutcome | undefined> {
  const limits = s.deps.config.limits;
  const options = { maxSize: limits.maxMessageSize, maxLineLength: limits.maxLineLength };
  const decoder = s.deps.seams.dataDecoder?.(options) ?? new DotUnstuffDecoder(options);
  const out: DataOutcome = {
    content: new ContentBuffer(limits.maxMessageSize),
    sizeExceeded: false,
    bareLineEnds: 0,
    lookAlikes: 0,
    longLines: 0,
  };
  const clock = new TransferClock(limits);
  for (;;) {
    // Octets already buffered are read even at the limit; only a wait is cut short.
    const wait = Math.max(0, clock.waitMs(decoder.bytesIn));
    const chunk = await s.input.readChunk(64 * 1024, wait);
    if (typeof chunk === 'string') {
      if (chunk === 'timeout') {
        const stop = clock.stopReason(decoder.bytesIn);
        s.log('info', 'data.cut', { stop, octets: decoder.bytesIn });
        s.closeWith(transferStopReply(stop, s.deps.config.hostname, 'message data'));
      } else if (chunk === 'interrupted')
        s.closeWith({
          code: 421,
          enhanced: '4.3.2',
          text: `${s.deps.config.hostname} Service shutting down`,
        });
      return undefined;
    }
    const step = decoder.push(chunk);
    for (const piece of step.data) out.content.append(piece);
    for (const event of step.events) {
      if (event.kind === 'bare-cr' || event.kind === 'bare-lf') out.bareLineEnds++;
      else if (event.kind === 'end-of-data-look-alike') out.lookAlikes++;
      else if (event.kind === 'line-too-long') out.longLines++;
    }
    if (step.done) {
      s.input.unshift(step.remainder ?? Buffer.alloc(0));
      out.sizeExceeded = decoder.sizeExceeded;
      return out;
    }
  }
}

/** DATA: sequence per dataSequence; the final reply comes from finishMessage. */
export const data: VerbHandler<'DATA'> = {
  sequence: dataSequence,
  async handle(s) {
    // RFC 5321 §4.3.2: DATA I: 354 -> data -> 250 / 552, 554, 451, 452 / 450, 550.
    s.reply({ code: 354, text: 'Start mail input; end with <CRLF>.<CRLF>' });
    s.state = 'data';
    const outcome = await readContent(s);
    if (outcome === undefined) return;
    if (outcome.bareLineEnds > 0 || outcome.lookAlikes > 0) {
      s.log('warn', 'data.bare-line-ends', {
        bareLineEnds: outcome.bareLineEnds,
        lookAlikes: outcome.lookAlikes,
      });
    }
    await finishMessage(s, {
      content: outcome.content.toBuffer(),
      sizeExceeded: outcome.sizeExceeded,
      bareLineEnds: outcome.bareLineEnds,
      longLines: outcome.longLines,
    });
  },
};
