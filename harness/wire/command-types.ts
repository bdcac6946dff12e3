/**
 * The parsed form of every SMTP command line the codec knows: one variant per verb.
 */
import type { Path } from './address.ts';
import type { CommandSyntaxError } from './command-error.ts';
import type { EsmtpParam } from './esmtp-params.ts';

/**
 * A departure from the strict grammar that the parser accepted and names, so a server can
 * choose to accept it (Postel) or reject it (strict mode answers 501).
 * - `space-before-path`: SP between "FROM:"/"TO:" and "<" (RFC 5321 §4.1.1.2, §4.1.1.3 have none).
 * - `trailing-whitespace`: SP before the CRLF (no command rule of RFC 5321 §4.1.1 ends in SP).
 * - `helo-address-literal`: HELO with an address literal (§4.1.1.1: helo = "HELO" SP Domain).
 * - `argument-not-string`: VRFY, EXPN, HELP or NOOP argument that is not a String (§4.1.2).
 * - `lowercase-sasl-mechanism`: AUTH mechanism not upper-case (RFC 4422 §3.1 mech-char).
 */
export type Leniency =
  | 'space-before-path'
  | 'trailing-whitespace'
  | 'helo-address-literal'
  | 'argument-not-string'
  | 'lowercase-sasl-mechanism';

/** One parsed command line. `UNKNOWN` is any verb the codec does not know (reply 500). */
export type Command =
  /** RFC 5321 §4.1.1.1: `EHLO domain / address-literal`, `HELO domain`. */
  | { verb: 'HELO' | 'EHLO'; domain: string; isAddressLiteral: boolean }
  /** RFC 5321 §4.1.1.2: `MAIL FROM:<reverse-path> [SP mail-parameters]`. */
  | { verb: 'MAIL'; reversePath: Path; params: EsmtpParam[] }
  /**
   * RFC 5321 §4.1.1.3: `RCPT TO:<forward-path> [SP rcpt-parameters]`. `isPostmaster` for
   * `<Postmaster>` (then `forwardPath.mailbox` is `null`) and any `<postmaster@domain>`.
   */
  | { verb: 'RCPT'; forwardPath: Path; isPostmaster: boolean; params: EsmtpParam[] }
  /** DATA, RSET, QUIT (RFC 5321 §4.1.1) and STARTTLS (RFC 3207 §4) take no argument. */
  | { verb: 'DATA' | 'RSET' | 'QUIT' | 'STARTTLS' }
  /** RFC 5321 §4.1.1.6, §4.1.1.7: `VRFY SP String`, `EXPN SP String`; argument as written. */
  | { verb: 'VRFY' | 'EXPN'; argument: string }
  /** RFC 5321 §4.1.1.8, §4.1.1.9: `HELP [SP String]`, `NOOP [SP String]`. */
  | { verb: 'HELP' | 'NOOP'; argument: string | undefined }
  /**
   * RFC 4954 §4: `AUTH mechanism [initial-response]`. `mechanism` upper-cased;
   * `initialResponse` is the base64 text, `''` for the empty response written as `=`.
   */
  | { verb: 'AUTH'; mechanism: string; initialResponse: string | undefined }
  /** RFC 3030 §2: `BDAT chunk-size [LAST]`. */
  | { verb: 'BDAT'; chunkSize: number; isLast: boolean }
  /** RFC 821 verbs that RFC 5321 dropped; parsed so a server can answer 502. Raw argument. */
  | { verb: 'SEND' | 'SOML' | 'SAML' | 'TURN'; argument: string | undefined }
  /** Anything else: `word` is the first word as received (latin1), `argument` the rest. */
  | { verb: 'UNKNOWN'; word: string; argument: string | undefined };

/** Result of {@link parseCommand}: a command (with any leniencies used) or a typed error. */
export type CommandParse =
  | { ok: true; command: Command; leniencies: Leniency[] }
  | { ok: false; error: CommandSyntaxError };

/** Options of {@link parseCommand}. */
export interface ParseCommandOptions {
  /**
   * The session allows UTF-8 in addresses and parameter values (RFC 6531 §3.3): the
   * server advertised SMTPUTF8. Without it any non-ASCII octet is a syntax error. The
   * caller still checks that MAIL carried the SMTPUTF8 parameter (RFC 6531 §3.4).
   */
  smtputf8?: boolean;
}
