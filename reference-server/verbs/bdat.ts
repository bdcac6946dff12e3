/**
 * BDAT (RFC 3030 §2, CHUNKING): exactly `chunk-size` octets follow the command line, with
 * no dot-stuffing. The octets are always read, whatever the reply, so the command stream
 * stays in step; an error aborts the transaction and later chunks of it are read and
 * discarded (RFC 3030 §2: "accept and discard additional BDAT chunks already in the pipeline").
 */

import { ContentBuffer } from '../message/content-buffer.ts';
import { finishMessage } from '../message/finish.ts';
import { TextLineScan } from '../message/text-scan.ts';
import type { SessionContext } from '../session/context.ts';
import { REPLIES, type ReplySpec } from '../session/replies.ts';
import { TransferClock, transferStopReply } from '../session/transfer-clock.ts';
import type { VerbHandler } from './handler.ts';

/** Reads and returns `size` octets (stored in `into` when given); false when the session ended. */
async function readChunk(
  s: SessionContext,
  size: number,
  into: ContentBuffer | undefined,
): Promise<boolean> {
  const { limits, hostname } = s.deps.config;
  const clock = new TransferClock(limits);
  let left = size;
  while (left > 0) {
    const wait = Math.max(0, clock.waitMs(size - left));
    const piece = await s.input.readChunk(left, wait);
    if (typeof piece === 'string') {
      if (piece === 'timeout') {
        const stop = clock.stopReason(size - left);
        s.log('info', 'bdat.cut', { stop, octets: size - left });
        s.closeWith(transferStopReply(stop, hostname, 'BDAT data'));
      } else if (piece === 'interrupted')
        s.closeWith({ code: 421, enhanced: '4.3.2', text: `${hostname} Service shutting down` });
      return false;
    }
    into?.append(piece);
    left -= piece.length;
  }
  return true;
}

/** RFC 3030 §2 / RFC 5321 §4.1.4: when this chunk cannot join a transaction. */
function chunkSequence(s: SessionContext): ReplySpec | undefined {
  const tx = s.transaction;
  if (tx === undefined || (s.state !== 'mail' && s.state !== 'rcpt' && s.state !== 'bdat'))
    return REPLIES.needMail;
  if (tx.recipients.length === 0)
    return tx.rcptAttempts > 0 ? REPLIES.noValidRecipients : REPLIES.needRcpt;
  return undefined;
}

/** BDAT: no `sequence` guard, because the chunk must be consumed before any reply. */
export const bdat: VerbHandler<'BDAT'> = {
  async handle(s, command) {
    const refused = chunkSequence(s);
    const tx = s.transaction;
    let buffer: ContentBuffer | undefined;
    if (refused === undefined && tx !== undefined) {
      buffer = tx.chunks ?? new ContentBuffer(s.deps.config.limits.maxMessageSize);
      tx.chunks = buffer;
      tx.usesBdat = true;
    }
    if (!(await readChunk(s, command.chunkSize, buffer))) return;
    if (refused !== undefined || tx === undefined || buffer === undefined) {
      // An aborted transaction stays aborted: the client must start over (RFC 3030 §2).
      if (tx !== undefined) s.resetTransaction();
      return s.reply(refused ?? REPLIES.needMail);
    }
    if (buffer.overflowed) {
      // RFC 1870 §6.3 / RFC 3030 §2: over the limit, refuse now; the transaction is over.
      s.resetTransaction();
      return s.reply(REPLIES.sizeExceeded);
    }
    if (!command.isLast) {
      s.state = 'bdat';
      return s.reply({
        code: 250,
        enhanced: '2.0.0',
        text: `${command.chunkSize} octets received`,
      });
    }
    const content = buffer.toBuffer();
    // RFC 3030 §3: BINARYMIME content has no lines; anything else is text (RFC 5321 §2.3.8).
    const scan = new TextLineScan(s.deps.config.limits.maxLineLength);
    if (tx.body !== 'BINARYMIME') {
      scan.push(content);
      scan.finish();
    }
    await finishMessage(s, {
      content,
      sizeExceeded: false,
      bareLineEnds: scan.bareLineEnds,
      longLines: scan.longLines,
    });
  },
};
