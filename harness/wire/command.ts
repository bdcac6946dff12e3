/**
 * SMTP command lines (RFC 5321 §4.1): the strict parser the reference server runs on
 * every line a client sends, and the formatter the harness client and fuzzer use.
 *
 * Postel-liberal points, each reported as a {@link Leniency} instead of silently fixed:
 * SP between "FROM:"/"TO:" and "<", trailing SP before CRLF, HELO with an address literal,
 * VRFY/EXPN/HELP/NOOP text that is not a String, lower-case AUTH mechanism. Everything
 * else outside the grammar (TAB, NUL, other controls, non-ASCII without SMTPUTF8, missing
 * brackets, doubled SP) is a {@link CommandSyntaxError} with the reply to send.
 */

import { type ArgContext, type ArgParser, RFC5321_ARG_PARSERS } from './command-args.ts';
import { CommandSyntaxError, type SuggestedReply, type Verb } from './command-error.ts';
import { parseAuth, parseBdat } from './command-ext-args.ts';
import type { Command, CommandParse, Leniency, ParseCommandOptions } from './command-types.ts';
import { formatEsmtpParams } from './esmtp-params.ts';
import { describeCharAt, isControl } from './grammar-chars.ts';
import { describeLimitExcess, SMTP_LIMITS } from './limits.ts';
import { formatPath } from './mailbox-format.ts';

export type { Mailbox, Path } from './address.ts';
export { parseMailbox, parsePath } from './address.ts';
export { CommandSyntaxError, type SuggestedReply, type Verb } from './command-error.ts';
export type { Command, CommandParse, Leniency, ParseCommandOptions } from './command-types.ts';
export type { EsmtpParam } from './esmtp-params.ts';
export { SMTP_LIMITS } from './limits.ts';
export {
  formatMailbox,
  formatPath,
  isPostmasterLocalPart,
  normaliseDomain,
  quoteLocalPart,
  unquoteLocalPart,
} from './mailbox-format.ts';

const ARG_PARSERS: Readonly<Record<Verb, ArgParser>> = {
  ...RFC5321_ARG_PARSERS,
  AUTH: parseAuth,
  BDAT: parseBdat,
};

/** Every verb the codec parses, in RFC order. */
export const VERBS: readonly Verb[] = Object.keys(ARG_PARSERS) as Verb[];

function isVerb(word: string): word is Verb {
  return Object.hasOwn(ARG_PARSERS, word);
}

const SP = 0x20;

function failed(reason: string, reply: SuggestedReply, verb?: Verb): CommandParse {
  return { ok: false, error: new CommandSyntaxError({ verb, reason, suggestedReply: reply }) };
}

/** End of the command word: the first SP, or the end of the line (RFC 5321 §4.1.1). */
function verbEnd(line: Buffer): number {
  const space = line.indexOf(SP);
  return space < 0 ? line.length : space;
}

/** The first control octet's index, or -1 (RFC 5321 §4.1.1: commands are printable text). */
function findControl(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) if (isControl(bytes[i] ?? 0)) return i;
  return -1;
}

/** Decodes the argument: UTF-8 when SMTPUTF8 applies (RFC 6531 §3.3), else one char per octet. */
function decodeArgument(bytes: Buffer, options: ParseCommandOptions): string | undefined {
  if (!options.smtputf8) return bytes.toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Splits off trailing SPs, noting the `trailing-whitespace` leniency. `arg` is the text
 * after the verb's SP, so an empty `arg` means the line ended in "VERB SP".
 */
function trimTrailingSpace(arg: string, leniencies: Leniency[]): string | undefined {
  let end = arg.length;
  while (end > 0 && arg.charCodeAt(end - 1) === SP) end--;
  if (end < arg.length || arg.length === 0) leniencies.push('trailing-whitespace');
  return end === 0 ? undefined : arg.slice(0, end);
}

/**
 * Parses one command line, given WITHOUT its CRLF (RFC 5321 §4.1.1). Never throws: a bad
 * line gives `{ ok: false, error }` whose `suggestedReply` is the reply to send, and whose
 * `code` is `SMTPSPEC_ERR_LIMIT` for a §4.5.3.1 limit. Unknown verbs parse as `UNKNOWN`.
 */
export function parseCommand(line: Buffer, options: ParseCommandOptions = {}): CommandParse {
  const wordEnd = verbEnd(line);
  // RFC 5321 §2.4: verbs are case-insensitive. A word with a TAB or other byte in it is
  // simply not a verb, so "MAIL\tFROM:" is an unknown command (500), as §4.1.1 has SP only.
  // Upper-case ASCII only: String#toUpperCase would turn a latin1 "\xdf" into "SS".
  const word = line
    .subarray(0, wordEnd)
    .toString('latin1')
    .replace(/[a-z]/g, (c) => c.toUpperCase());
  const verb = isVerb(word) ? word : undefined;
  // RFC 5321 §4.5.3.1.4: at most 512 octets with the CRLF; §4.5.3.1.9: "500 Line too long".
  if (line.length + 2 > SMTP_LIMITS.commandLine) {
    const reason = describeLimitExcess({
      limit: 'commandLine',
      max: SMTP_LIMITS.commandLine,
      actual: line.length + 2,
    });
    const error = new CommandSyntaxError({
      verb,
      reason,
      suggestedReply: 500,
      limit: 'commandLine',
    });
    return { ok: false, error };
  }
  if (wordEnd === 0)
    return failed('no command verb at the start of the line (RFC 5321 §4.1.1)', 500);
  if (verb === undefined) return parseUnknown(line, wordEnd);
  return parseKnown(verb, line.subarray(wordEnd), options);
}

/** An unrecognised verb: RFC 5321 §4.2.4 / §4.3.2 reply 500, decided by the caller. */
function parseUnknown(line: Buffer, wordEnd: number): CommandParse {
  const word = line.subarray(0, wordEnd).toString('latin1');
  const argument =
    wordEnd < line.length ? line.subarray(wordEnd + 1).toString('latin1') : undefined;
  return { ok: true, command: { verb: 'UNKNOWN', word, argument }, leniencies: [] };
}

/** `rest` is empty or starts with the SP after the verb (RFC 5321 §4.1.1). */
function parseKnown(verb: Verb, rest: Buffer, options: ParseCommandOptions): CommandParse {
  const argBytes = rest.subarray(1);
  const control = findControl(argBytes);
  if (control >= 0) {
    const found = describeCharAt(argBytes.toString('latin1'), control);
    return failed(`control character ${found} in the command line (RFC 5321 §4.1.1)`, 501, verb);
  }
  const decoded = decodeArgument(argBytes, options);
  if (decoded === undefined)
    return failed('argument is not valid UTF-8 (RFC 6531 §3.3)', 501, verb);
  const leniencies: Leniency[] = [];
  const arg = rest.length === 0 ? undefined : trimTrailingSpace(decoded, leniencies);
  const ctx: ArgContext = { verb, options, leniencies };
  try {
    return { ok: true, command: ARG_PARSERS[verb](arg, ctx), leniencies };
  } catch (err) {
    if (err instanceof CommandSyntaxError) return { ok: false, error: err };
    throw err;
  }
}

function withArgument(verb: string, argument: string | undefined): string {
  return argument === undefined ? verb : `${verb} ${argument}`;
}

function withParams(
  text: string,
  params: readonly { keyword: string; value: string | undefined }[],
): string {
  return params.length === 0 ? text : `${text} ${formatEsmtpParams(params)}`;
}

/**
 * Writes a command in its conformant form, WITHOUT the CRLF: upper-case verb, no SP
 * before the path, single SPs. It serialises what it is given and does not validate:
 * the fuzzer relies on that to build invalid lines. Encode with UTF-8.
 */
export function formatCommand(command: Command): string {
  switch (command.verb) {
    case 'HELO':
    case 'EHLO':
      return `${command.verb} ${command.domain}`;
    case 'MAIL':
      return withParams(`MAIL FROM:${formatPath(command.reversePath)}`, command.params);
    case 'RCPT': {
      const { forwardPath, isPostmaster } = command;
      const path =
        isPostmaster && forwardPath.mailbox === null ? '<Postmaster>' : formatPath(forwardPath);
      return withParams(`RCPT TO:${path}`, command.params);
    }
    case 'DATA':
    case 'RSET':
    case 'QUIT':
    case 'STARTTLS':
      return command.verb;
    case 'VRFY':
    case 'EXPN':
    case 'HELP':
    case 'NOOP':
    case 'SEND':
    case 'SOML':
    case 'SAML':
    case 'TURN':
      return withArgument(command.verb, command.argument);
    case 'AUTH': {
      const response = command.initialResponse === '' ? '=' : command.initialResponse;
      return withArgument(`AUTH ${command.mechanism}`, response);
    }
    case 'BDAT':
      return `BDAT ${command.chunkSize}${command.isLast ? ' LAST' : ''}`;
    case 'UNKNOWN':
      return withArgument(command.word, command.argument);
  }
}
