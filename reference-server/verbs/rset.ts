/**
 * RSET (RFC 5321 §4.1.1.5): aborts the transaction; allowed at any time.
 */
import { REPLIES } from '../session/replies.ts';
import type { VerbHandler } from './handler.ts';

/** RSET: clears the transaction, keeps HELO/EHLO, TLS and authentication. */
export const rset: VerbHandler<'RSET'> = {
  async handle(s) {
    s.resetTransaction();
    s.reply(REPLIES.ok);
  },
};
