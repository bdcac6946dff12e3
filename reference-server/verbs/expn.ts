/**
 * EXPN (RFC 5321 §4.1.1.7, §3.5.2). Servers SHOULD support EXPN (§3.5.2), but expanding
 * a name discloses who receives mail here (§7.3). We have no mailing lists and never
 * confirm or deny a user, so every name gets 252, the reply §7.3 names for a server
 * that will not disclose; the command itself is implemented and parsed like any other.
 */
import type { VerbHandler } from './handler.ts';

/** EXPN: 252 for every syntactically valid argument (RFC 5321 §4.3.2 EXPN S: 250, 252). */
export const expn: VerbHandler<'EXPN'> = {
  async handle(s) {
    s.reply({
      code: 252,
      enhanced: '2.0.0',
      text: 'Cannot expand mailing lists or disclose users; send mail to the address instead',
    });
  },
};
