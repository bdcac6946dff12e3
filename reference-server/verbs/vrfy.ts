/**
 * VRFY (RFC 5321 §4.1.1.6, §3.5.3): we never confirm or deny a user (§7.3 privacy).
 */
import type { VerbHandler } from './handler.ts';

/** VRFY: RFC 5321 §3.5.3: 252 when the server will not verify but will accept mail. */
export const vrfy: VerbHandler<'VRFY'> = {
  async handle(s) {
    s.reply({
      code: 252,
      enhanced: '2.0.0',
      text: 'Cannot VRFY user, but will accept message and attempt delivery',
    });
  },
};
