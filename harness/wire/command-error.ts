/**
 * The one error type of the command grammar: a command line that does not match
 * RFC 5321 §4.1 (or an extension's grammar), or that exceeds a §4.5.3.1 limit.
 */
import { ERROR_CODES, SmtpHarnessError } from '../errors.ts';
import type { LimitName } from './limits.ts';

/** Every verb the codec knows (RFC 5321 §4.1, RFC 3207, RFC 4954, RFC 3030, RFC 821). */
export type Verb =
  | 'HELO'
  | 'EHLO'
  | 'MAIL'
  | 'RCPT'
  | 'DATA'
  | 'RSET'
  | 'VRFY'
  | 'EXPN'
  | 'HELP'
  | 'NOOP'
  | 'QUIT'
  | 'STARTTLS'
  | 'AUTH'
  | 'BDAT'
  | 'SEND'
  | 'SOML'
  | 'SAML'
  | 'TURN';

/**
 * The reply RFC 5321 §4.3.2 / §4.2.3 suggests for a syntax error:
 * 500 command unrecognised or line too long, 501 syntax error in parameters or arguments,
 * 502 command not implemented, 504 parameter not implemented, 553 mailbox name not allowed
 * (mailbox syntax incorrect; RFC 6531 §3.5 also uses it for non-ASCII without SMTPUTF8).
 */
export type SuggestedReply = 500 | 501 | 502 | 504 | 553;

/** What a {@link CommandSyntaxError} is built from. */
export interface CommandSyntaxErrorInit {
  verb?: Verb | undefined;
  /** One line, lower-case start, naming the rule broken and its RFC section. */
  reason: string;
  suggestedReply: SuggestedReply;
  /** Set when a §4.5.3.1 limit was exceeded; the error code is then `SMTPSPEC_ERR_LIMIT`. */
  limit?: LimitName | undefined;
}

/**
 * A command line that does not parse. `code` is `SMTPSPEC_ERR_LIMIT` when `limit` is set
 * and `SMTPSPEC_ERR_COMMAND_SYNTAX` otherwise; `suggestedReply` is the reply a server
 * should send.
 */
export class CommandSyntaxError extends SmtpHarnessError {
  override readonly name = 'CommandSyntaxError';
  readonly verb: Verb | undefined;
  readonly reason: string;
  readonly suggestedReply: SuggestedReply;
  readonly limit: LimitName | undefined;

  constructor(init: CommandSyntaxErrorInit) {
    const code = init.limit ? ERROR_CODES.limit : ERROR_CODES.commandSyntax;
    super(code, init.verb ? `${init.verb}: ${init.reason}` : init.reason);
    this.verb = init.verb;
    this.reason = init.reason;
    this.suggestedReply = init.suggestedReply;
    this.limit = init.limit;
  }

  /** The same error attributed to `verb`, optionally with another suggested reply. */
  forVerb(verb: Verb, suggestedReply: SuggestedReply = this.suggestedReply): CommandSyntaxError {
    return new CommandSyntaxError({ verb, reason: this.reason, suggestedReply, limit: this.limit });
  }
}
