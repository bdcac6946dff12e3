/**
 * Argument grammar of each verb (RFC 5321 §4.1.1 and the extension RFCs). Each parser
 * gets the text after "VERB SP" (trailing spaces already removed) and throws
 * {@link CommandSyntaxError}; `parseCommand` turns the throw into a result.
 */
import { type AddressOptions, type Path, parseDomainArgument, scanPath } from './address.ts';
import { CommandSyntaxError, type SuggestedReply, type Verb } from './command-error.ts';
import type { Command, Leniency } from './command-types.ts';
import { type EsmtpParam, parseEsmtpParams } from './esmtp-params.ts';
import { describeCharAt, isAtext, isNonAscii, isQtextSmtp } from './grammar-chars.ts';
import { isPostmasterLocalPart } from './mailbox-format.ts';

/** What an argument parser may read and record. */
export interface ArgContext {
  verb: Verb;
  options: AddressOptions;
  leniencies: Leniency[];
}

/** Parses the argument of one verb; `undefined` when the line had no argument. */
export type ArgParser = (arg: string | undefined, ctx: ArgContext) => Command;

function fail(ctx: ArgContext, reason: string, reply: SuggestedReply = 501): never {
  throw new CommandSyntaxError({ verb: ctx.verb, reason, suggestedReply: reply });
}

function requireArg(arg: string | undefined, ctx: ArgContext, what: string): string {
  if (arg === undefined) fail(ctx, `missing argument: ${what}`);
  return arg;
}

/** RFC 5321 §4.1.1.1: ehlo = "EHLO" SP ( Domain / address-literal ); helo = "HELO" SP Domain. */
function parseHelo(arg: string | undefined, ctx: ArgContext): Command {
  const text = requireArg(arg, ctx, 'a domain (RFC 5321 §4.1.1.1)');
  // The client's own name comes before SMTPUTF8 can be negotiated: ASCII only.
  const parsed = parseDomainArgument(text, {});
  // RFC 5321 §4.1.4: HELO/EHLO argument errors are syntax errors, reply 501.
  if (parsed instanceof CommandSyntaxError) throw parsed.forVerb(ctx.verb, 501);
  if (ctx.verb === 'HELO' && parsed.isAddressLiteral) ctx.leniencies.push('helo-address-literal');
  return { verb: ctx.verb === 'HELO' ? 'HELO' : 'EHLO', ...parsed };
}

/** Skips the SP some clients put between "FROM:"/"TO:" and the path, noting the leniency. */
function skipSpaceBeforePath(arg: string, pos: number, ctx: ArgContext): number {
  let i = pos;
  while (arg[i] === ' ') i++;
  if (i > pos) ctx.leniencies.push('space-before-path');
  return i;
}

/** Reads `[SP params]` after a path that ended at `end`. */
function paramsAfterPath(arg: string, end: number, ctx: ArgContext): EsmtpParam[] {
  if (end === arg.length) return [];
  if (arg[end] !== ' ') {
    fail(ctx, `unexpected ${describeCharAt(arg, end)} after the path (RFC 5321 §4.1.2)`);
  }
  const params = parseEsmtpParams(arg.slice(end + 1), ctx.options);
  if (params instanceof CommandSyntaxError) throw params.forVerb(ctx.verb);
  return params;
}

/** Reads the path at `pos`; address errors keep their reply (553 mailbox syntax, 501 other). */
function pathAt(arg: string, pos: number, ctx: ArgContext): { path: Path; end: number } {
  try {
    const { value, end } = scanPath(arg, pos, ctx.options);
    return { path: value, end };
  } catch (err) {
    if (err instanceof CommandSyntaxError) throw err.forVerb(ctx.verb);
    throw err;
  }
}

/** RFC 5321 §4.1.1.2: mail = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF. */
function parseMail(arg: string | undefined, ctx: ArgContext): Command {
  const text = requireArg(arg, ctx, '"FROM:<reverse-path>" (RFC 5321 §4.1.1.2)');
  if (text.slice(0, 5).toUpperCase() !== 'FROM:') {
    fail(ctx, 'expected "FROM:<reverse-path>" (RFC 5321 §4.1.1.2)');
  }
  const { path, end } = pathAt(text, skipSpaceBeforePath(text, 5, ctx), ctx);
  return { verb: 'MAIL', reversePath: path, params: paramsAfterPath(text, end, ctx) };
}

const POSTMASTER_PATH = '<postmaster>';

/**
 * RFC 5321 §4.1.1.3: rcpt = "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" /
 * Forward-path ) [SP Rcpt-parameters] CRLF; §4.5.1: "postmaster" is case-insensitive.
 */
function parseRcpt(arg: string | undefined, ctx: ArgContext): Command {
  const text = requireArg(arg, ctx, '"TO:<forward-path>" (RFC 5321 §4.1.1.3)');
  if (text.slice(0, 3).toUpperCase() !== 'TO:') {
    fail(ctx, 'expected "TO:<forward-path>" (RFC 5321 §4.1.1.3)');
  }
  const start = skipSpaceBeforePath(text, 3, ctx);
  const bare = text.slice(start, start + POSTMASTER_PATH.length);
  if (bare.toLowerCase() === POSTMASTER_PATH) {
    const end = start + POSTMASTER_PATH.length;
    const forwardPath: Path = { mailbox: null, sourceRoute: [], raw: bare };
    return {
      verb: 'RCPT',
      forwardPath,
      isPostmaster: true,
      params: paramsAfterPath(text, end, ctx),
    };
  }
  const { path, end } = pathAt(text, start, ctx);
  if (path.mailbox === null) {
    fail(ctx, '"<>" is not a forward-path: RCPT needs a mailbox (RFC 5321 §4.1.1.3)');
  }
  const isPostmaster = isPostmasterLocalPart(path.mailbox.localPart);
  return { verb: 'RCPT', forwardPath: path, isPostmaster, params: paramsAfterPath(text, end, ctx) };
}

/** RFC 5321 §4.3.2: DATA, RSET, QUIT with an argument SHOULD get 501; RFC 3207 §4 for STARTTLS. */
function parseNoArg(arg: string | undefined, ctx: ArgContext): Command {
  if (arg !== undefined) fail(ctx, `${ctx.verb} takes no argument (RFC 5321 §4.3.2)`);
  const verb = ctx.verb;
  if (verb === 'DATA' || verb === 'RSET' || verb === 'QUIT' || verb === 'STARTTLS') return { verb };
  return fail(ctx, `${verb} is not a no-argument verb`);
}

/** RFC 5321 §4.1.2: String = Atom / Quoted-string (RFC 6531 §3.3 adds UTF-8 to both). */
export function isSmtpString(text: string, options: AddressOptions): boolean {
  if (text.length === 0) return false;
  const quoted = text.length >= 2 && text.startsWith('"') && text.endsWith('"');
  const body = quoted ? text.slice(1, -1) : text;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (isNonAscii(code)) {
      if (!options.smtputf8) return false;
    } else if (quoted && code === 92) {
      const next = body.charCodeAt(++i);
      if (!(next >= 32 && next <= 126)) return false;
    } else if (!(quoted ? isQtextSmtp(code) : isAtext(code))) {
      return false;
    }
  }
  return true;
}

/** A String argument, or printable ASCII text accepted with the `argument-not-string` leniency. */
function stringArgument(text: string, ctx: ArgContext): string {
  if (isSmtpString(text, ctx.options)) return text;
  for (let i = 0; i < text.length; i++) {
    if (isNonAscii(text.charCodeAt(i))) {
      fail(ctx, `non-ASCII ${describeCharAt(text, i)} in argument needs SMTPUTF8 (RFC 6531 §3.3)`);
    }
  }
  ctx.leniencies.push('argument-not-string');
  return text;
}

/** RFC 5321 §4.1.1.6, §4.1.1.7: vrfy = "VRFY" SP String; expn = "EXPN" SP String. */
function parseVrfyExpn(arg: string | undefined, ctx: ArgContext): Command {
  const text = requireArg(arg, ctx, 'a String (RFC 5321 §4.1.2)');
  const argument = stringArgument(text, ctx);
  return { verb: ctx.verb === 'VRFY' ? 'VRFY' : 'EXPN', argument };
}

/** RFC 5321 §4.1.1.8, §4.1.1.9: help = "HELP" [ SP String ]; noop = "NOOP" [ SP String ]. */
function parseHelpNoop(arg: string | undefined, ctx: ArgContext): Command {
  const argument = arg === undefined ? undefined : stringArgument(arg, ctx);
  return { verb: ctx.verb === 'HELP' ? 'HELP' : 'NOOP', argument };
}

/** RFC 821 §4.1.2 SEND/SOML/SAML/TURN: kept raw; RFC 5321 servers answer 502 (§4.2.4). */
function parseObsolete(arg: string | undefined, ctx: ArgContext): Command {
  const verb = ctx.verb;
  if (verb === 'SEND' || verb === 'SOML' || verb === 'SAML' || verb === 'TURN') {
    return { verb, argument: arg };
  }
  return fail(ctx, `${verb} is not an RFC 821 verb`);
}

/** Parsers for the verbs whose grammar lives in RFC 5321 itself. */
export const RFC5321_ARG_PARSERS = {
  HELO: parseHelo,
  EHLO: parseHelo,
  MAIL: parseMail,
  RCPT: parseRcpt,
  DATA: parseNoArg,
  RSET: parseNoArg,
  QUIT: parseNoArg,
  STARTTLS: parseNoArg,
  VRFY: parseVrfyExpn,
  EXPN: parseVrfyExpn,
  HELP: parseHelpNoop,
  NOOP: parseHelpNoop,
  SEND: parseObsolete,
  SOML: parseObsolete,
  SAML: parseObsolete,
  TURN: parseObsolete,
} as const satisfies Partial<Record<Verb, ArgParser>>;
