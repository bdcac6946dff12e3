/**
 * HELP (RFC 5321 §4.1.1.8): 214 with a short list of what we implement.
 */
import type { VerbHandler } from './handler.ts';

/** HELP [topic]: the same 214 text for every topic (RFC 5321 §4.3.2 HELP S: 211, 214). */
export const help: VerbHandler<'HELP'> = {
  async handle(s) {
    s.reply({
      code: 214,
      enhanced: '2.0.0',
      text: [
        'smtpspec reference MTA (RFC 5321)',
        'Commands: HELO EHLO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY EXPN HELP STARTTLS AUTH',
        'End of HELP info',
      ],
    });
  },
};
