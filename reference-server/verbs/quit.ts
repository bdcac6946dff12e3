/**
 * QUIT (RFC 5321 §4.1.1.10): 221, then close; an open transaction is aborted.
 */
import type { VerbHandler } from './handler.ts';

/** QUIT: "The receiver MUST NOT intentionally close the transmission channel until it
 * receives and replies to a QUIT command"; after the 221 we close. */
export const quit: VerbHandler<'QUIT'> = {
  async handle(s) {
    s.resetTransaction();
    s.closeWith({
      code: 221,
      enhanced: '2.0.0',
      text: `${s.deps.config.hostname} Service closing transmission channel`,
    });
  },
};
