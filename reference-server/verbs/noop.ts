/**
 * NOOP (RFC 5321 §4.1.1.9): no effect; "If a parameter string is specified, servers
 * SHOULD ignore it."
 */
import { REPLIES } from '../session/replies.ts';
import type { VerbHandler } from './handler.ts';

/** NOOP: 250 in any state, argument ignored. */
export const noop: VerbHandler<'NOOP'> = {
  async handle(s) {
    s.reply(REPLIES.ok);
  },
};
