/**
 * The replies the reference server sends: a typed reply value, the standard ones, and a
 * sanitiser that keeps any text inside RFC 5321 §4.2's textstring.
 */
import type { CommandSyntaxError, Verb } from '../../harness/wire/command.ts';

/**
 * One reply. `enhanced` (RFC 3463) is required for 2xx/4xx/5xx replies: we advertise
 * ENHANCEDSTATUSCODES (RFC 2034) and prefix every reply but the greeting and the success
 * reply to HELO/EHLO; 3xx replies never carry one (RFC 3463 §2 has no class 3).
 */
export interface ReplySpec {
  code: number;
  enhanced?: string;
  text: string | string[];
  /** Whether the reply counts toward `limits.maxErrors`; default: any 4xx/5xx does. */
  countsAsError?: boolean;
}

/** Makes `text` a textstring (RFC 5321 §4.2: HT, SP, printable US-ASCII), at most `max` chars. */
export function safeText(text: string, max = 400): string {
  const ascii = text.replace(/§/g, 'section ').replace(/[^\t\x20-\x7e]/g, '?');
  return ascii.length > max ? `${ascii.slice(0, max - 3)}...` : ascii;
}

function r(code: number, enhanced: string, text: string): ReplySpec {
  return { code, enhanced, text };
}

/** Standard replies, named by what they say. Texts follow RFC 5321 §4.2.2/§4.2.3 wording. */
export const REPLIES = {
  ok: r(250, '2.0.0', 'OK'),
  // RFC 5321 §4.1.4 / §4.3.2: out-of-sequence commands get 503.
  needHelo: r(503, '5.5.1', 'Bad sequence of commands: send HELO or EHLO first'),
  needEhlo: r(503, '5.5.1', 'Bad sequence of commands: send EHLO first'),
  needMail: r(503, '5.5.1', 'Bad sequence of commands: send MAIL first'),
  needRcpt: r(503, '5.5.1', 'Bad sequence of commands: send RCPT first'),
  nestedMail: r(503, '5.5.1', 'Bad sequence of commands: mail transaction already in progress'),
  rcptAfterBdat: r(503, '5.5.1', 'Bad sequence of commands: no RCPT once BDAT chunks have begun'),
  noValidRecipients: r(554, '5.5.1', 'No valid recipients'),
  // RFC 5321 §4.2.4: 502 for commands recognised but not implemented.
  notImplemented: r(502, '5.5.1', 'Command not implemented'),
  unrecognized: r(500, '5.5.1', 'Syntax error, command unrecognized'),
  // RFC 5321 §4.5.3.1.4 / §4.5.3.1.10: "500 Line too long".
  lineTooLong: r(500, '5.5.2', 'Line too long (limit 512 octets, RFC 5321 section 4.5.3.1.4)'),
  // RFC 5321 §4.1.1.11: 555 for MAIL/RCPT parameters not recognised or not implemented.
  paramNotRecognized: r(
    555,
    '5.5.4',
    'MAIL FROM/RCPT TO parameters not recognized or not implemented',
  ),
  // RFC 1870 §6.1: 552 at MAIL for a declared size over the fixed maximum.
  sizeExceeded: r(552, '5.3.4', 'Message size exceeds fixed maximum message size'),
  // RFC 5321 §4.5.3.1.10: "452 Too many recipients"; RFC 3463 X.5.3.
  tooManyRecipients: r(452, '4.5.3', 'Too many recipients'),
  // RFC 6531 §3.4: non-ASCII addresses need SMTPUTF8; X.6.7 is the code RFC 6531 registers for it.
  needSmtputf8: r(553, '5.6.7', 'Non-ASCII address requires the SMTPUTF8 parameter on MAIL'),
  localError: r(451, '4.3.0', 'Requested action aborted: local error in processing'),
} as const satisfies Record<string, ReplySpec>;

/** The reply for a command line that does not parse (RFC 5321 §4.3.2 per-command codes). */
export function syntaxErrorReply(error: CommandSyntaxError, verb: Verb | undefined): ReplySpec {
  const reason = safeText(error.reason, 300);
  switch (error.suggestedReply) {
    case 500:
      return error.limit === 'commandLine'
        ? REPLIES.lineTooLong
        : r(500, '5.5.2', `Syntax error: ${reason}`);
    case 502:
      return REPLIES.notImplemented;
    case 504:
      return r(504, '5.5.4', `Command parameter not implemented: ${reason}`);
    case 553:
      // RFC 3463 X.1.7 bad sender's mailbox syntax, X.1.3 bad destination mailbox syntax.
      return r(553, verb === 'MAIL' ? '5.1.7' : '5.1.3', `Mailbox syntax incorrect: ${reason}`);
    default:
      // RFC 4954 §4 and §6: an AUTH line whose initial response cannot be decoded gets
      // "501 5.5.2"; elsewhere X.5.4 (invalid arguments) fits a bad argument best (RFC 3463).
      return r(
        501,
        error.limit || verb === 'AUTH' ? '5.5.2' : '5.5.4',
        `Syntax error in parameters or arguments: ${reason}`,
      );
  }
}
