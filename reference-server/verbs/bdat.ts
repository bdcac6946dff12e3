/**
 * BDAT (RFC 3030 §2, CHUNKING): exactly `chunk-size` octets follow the command line, with
 * no dot-stuffing. The octets are always read, whatever the reply, so the command stream
 * stays in step; an error aborts the transaction and later chunks of it are read and
 * discarded (RFC 3030 §2: "accept and discard additional BDAT chunks already in the pipeline").
 */

import { finishMessage } from '../message/finish.ts';
import type { MessageReceipt } from '../message/receipt.ts';
import { startReceipt } from '../message/start.ts';
import { TextLineScan } from '../message/text-scan.ts';
import type { SessionContext } from '../session/context.ts';
import { REPLIES, type ReplySpec } from '../session/replies.ts';
import { TransferClock, transferStopReply } from '../session/transfer-clock.ts';
import type { VerbHandler } from './handler.ts';

/**
 * Content of a BDAT transaction (no dot-stuffing, RFC 3030 §2) into its receipt: the size
 * limit, and for text (not BINARYMIME, §3) bare CR/LF and the line limit, checked as it
 * arrives, a line outgrowing the limit caught before its end.
 */
async function feed(s: SessionContext, receipt: MessageReceipt, piece: Buffer): Promise<void> {
  const limits = s.deps.config.limits;
  if (receipt.received + piece.length > limits.maxMessageSize) receipt.sizeExceeded = true;
  const scan = receipt.textScan;
  if (scan !== undefined) {
    scan.push(piece);
    receipt.bareLineEnds = scan.bareLineEnds;
    if (scan.longLines > 0 || scan.openLineLength > limits.maxLineLength) receipt.longLines++;
  }
  await receipt.append(piece);
}

/** Reads `size` octets (into `receipt` when given); false when the session ended. */
async function readChunk(
  s: SessionContext,
  size: number,
  receipt: MessageReceipt | undefined,
): Promise<boolean> {
  const { limits, hostname } = s.deps.config;
  const clock = new TransferClock(limits, Date.now(), s.deps.full);
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
    if (receipt !== undefined) await feed(s, receipt, piece);
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

/** The transaction's receipt, made at its first BDAT chunk. */
function receiptOf(s: SessionContext): MessageReceipt | undefined {
  const tx = s.transaction;
  if (tx === undefined) return undefined;
  if (tx.receipt === undefined) {
    tx.receipt = startReceipt(s, tx);
    // RFC 3030 §3: BINARYMIME content has no lines; anything else is text (RFC 5321 §2.3.8).
    if (tx.body !== 'BINARYMIME')
      tx.receipt.textScan = new TextLineScan(s.deps.config.limits.maxLineLength);
  }
  tx.usesBdat = true;
  return tx.receipt;
}

/** BDAT: no `sequence` guard, because the chunk must be consumed before any reply. */
export const bdat: VerbHandler<'BDAT'> = {
  async handle(s, command) {
    const refused = chunkSequence(s);
    const receipt = refused === undefined ? receiptOf(s) : undefined;
    if (!(await readChunk(s, command.chunkSize, receipt))) return;
    if (refused !== undefined || receipt === undefined) {
      // An aborted transaction stays aborted: the client must start over (RFC 3030 §2).
      if (s.transaction !== undefined) s.resetTransaction();
      return s.reply(refused ?? REPLIES.needMail);
    }
    if (receipt.sizeExceeded) {
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
    receipt.textScan?.finish();
    if (receipt.textScan !== undefined) {
      receipt.bareLineEnds = receipt.textScan.bareLineEnds;
      receipt.longLines += receipt.textScan.longLines;
    }
    await finishMessage(s);
  },
};
