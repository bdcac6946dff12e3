/**
 * Mailbox and path grammar of RFC 5321 §4.1.2 (with the RFC 6531 §3.3 UTF-8 extension):
 * local-part (Dot-string or Quoted-string), Domain, address literals, source routes,
 * and the §4.5.3.1 length limits that apply to them.
 */
import { checkAddressLiteral } from './address-literal.ts';
import { CommandSyntaxError, type SuggestedReply } from './command-error.ts';
import { describeCharAt, isAtext, isLetDig, isNonAscii, isQtextSmtp } from './grammar-chars.ts';
import { checkOctetLimit, describeLimitExcess, type LimitName } from './limits.ts';

/** Grammar options shared by address and command parsing. */
export interface AddressOptions {
  /** Accept UTF-8 in local-parts and domains (RFC 6531 §3.3); off: any non-ASCII is an error. */
  smtputf8?: boolean;
}

/** RFC 5321 §4.1.2: Mailbox = Local-part "@" ( Domain / address-literal ). */
export interface Mailbox {
  /** The local-part as written; a Quoted-string keeps its quotes and backslashes. */
  localPart: string;
  /** The domain, or the address literal with its brackets, as written. */
  domain: string;
  isAddressLiteral: boolean;
}

/** RFC 5321 §4.1.2: Path = "<" [ A-d-l ":" ] Mailbox ">". */
export interface Path {
  /** `null` for the null reverse-path `<>` (and for the forward-path `<Postmaster>`). */
  mailbox: Mailbox | null;
  /** Source-route domains (`@a,@b:` gives `['a', 'b']`): recorded, to be ignored (§4.1.1.3). */
  sourceRoute: string[];
  /** The path exactly as written, brackets included. */
  raw: string;
}

/** A scan result: what was read and the index just after it. */
interface Scanned<T> {
  value: T;
  end: number;
}

function fail(reason: string, suggestedReply: SuggestedReply = 553, limit?: LimitName): never {
  throw new CommandSyntaxError({ reason, suggestedReply, limit });
}

function failOnLimit(limit: LimitName, text: string): void {
  const excess = checkOctetLimit(limit, text);
  // RFC 5321 §4.5.3.1.9 gives "501 Path too long" as the example reply.
  if (excess) fail(describeLimitExcess(excess), 501, limit);
}

/** Fails on a non-ASCII character unless SMTPUTF8 applies (RFC 6531 §3.3). */
function checkNonAscii(text: string, pos: number, options: AddressOptions): void {
  if (!options.smtputf8) {
    fail(
      `non-ASCII character ${describeCharAt(text, pos)} in address needs SMTPUTF8 (RFC 6531 §3.3)`,
    );
  }
}

/** Reads an Atom (RFC 5321 §4.1.2: Atom = 1*atext; RFC 6531 §3.3: atext =/ UTF8-non-ascii). */
function scanAtom(text: string, pos: number, options: AddressOptions): number {
  let i = pos;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isNonAscii(code)) checkNonAscii(text, i, options);
    else if (!isAtext(code)) break;
    i++;
  }
  if (i === pos) fail(`expected an atom at ${describeCharAt(text, pos)} (RFC 5321 §4.1.2 Atom)`);
  return i;
}

/** RFC 5321 §4.1.2: Dot-string = Atom *("." Atom). */
function scanDotString(text: string, pos: number, options: AddressOptions): number {
  let i = scanAtom(text, pos, options);
  while (text[i] === '.') i = scanAtom(text, i + 1, options);
  return i;
}

/**
 * RFC 5321 §4.1.2: Quoted-string = DQUOTE *QcontentSMTP DQUOTE;
 * quoted-pairSMTP = %d92 %d32-126; RFC 6531 §3.3: qtextSMTP =/ UTF8-non-ascii.
 */
function scanQuotedString(text: string, pos: number, options: AddressOptions): number {
  let i = pos + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 34) return i + 1;
    if (code === 92) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 32 && next <= 126)) {
        fail(`backslash before ${describeCharAt(text, i + 1)} (RFC 5321 §4.1.2 quoted-pairSMTP)`);
      }
      i += 2;
      continue;
    }
    if (isNonAscii(code)) checkNonAscii(text, i, options);
    else if (!isQtextSmtp(code)) {
      fail(`${describeCharAt(text, i)} in quoted string (RFC 5321 §4.1.2 qtextSMTP)`);
    }
    i++;
  }
  return fail('unterminated quoted string (RFC 5321 §4.1.2 Quoted-string)');
}

/** RFC 5321 §4.1.2: Local-part = Dot-string / Quoted-string, at most 64 octets (§4.5.3.1.1). */
function scanLocalPart(text: string, pos: number, options: AddressOptions): number {
  const end =
    text[pos] === '"' ? scanQuotedString(text, pos, options) : scanDotString(text, pos, options);
  failOnLimit('localPart', text.slice(pos, end));
  return end;
}

/**
 * RFC 5321 §4.1.2: sub-domain = Let-dig [Ldh-str]; Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig.
 * RFC 6531 §3.3: sub-domain =/ U-label (approximated: non-ASCII letters allowed in a label).
 */
function scanSubDomain(text: string, pos: number, options: AddressOptions): number {
  let i = pos;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isNonAscii(code)) checkNonAscii(text, i, options);
    else if (!isLetDig(code) && code !== 45) break;
    i++;
  }
  if (i === pos) fail(`expected a domain label at ${describeCharAt(text, pos)} (RFC 5321 §4.1.2)`);
  if (text[pos] === '-' || text[i - 1] === '-') {
    fail(`domain label "${text.slice(pos, i)}" starts or ends with "-" (RFC 5321 §4.1.2 Ldh-str)`);
  }
  return i;
}

/** RFC 5321 §4.1.2: Domain = sub-domain *("." sub-domain), at most 255 octets (§4.5.3.1.2). */
function scanDomain(text: string, pos: number, options: AddressOptions): number {
  let i = scanSubDomain(text, pos, options);
  while (text[i] === '.') i = scanSubDomain(text, i + 1, options);
  failOnLimit('domain', text.slice(pos, i));
  return i;
}

/** RFC 5321 §4.1.2 address-literal = "[" ... "]", content checked by §4.1.3. */
function scanAddressLiteral(text: string, pos: number): number {
  const close = text.indexOf(']', pos);
  if (close < 0) fail('address literal without "]" (RFC 5321 §4.1.3)');
  const check = checkAddressLiteral(text.slice(pos + 1, close));
  if (!check.ok) fail(check.reason);
  failOnLimit('domain', text.slice(pos, close + 1));
  return close + 1;
}

/** Reads `Domain / address-literal`; tells which one it was. */
function scanDomainOrLiteral(
  text: string,
  pos: number,
  options: AddressOptions,
): Scanned<{ isAddressLiteral: boolean }> {
  if (text[pos] === '[')
    return { value: { isAddressLiteral: true }, end: scanAddressLiteral(text, pos) };
  return { value: { isAddressLiteral: false }, end: scanDomain(text, pos, options) };
}

/** RFC 5321 §4.1.2: Mailbox = Local-part "@" ( Domain / address-literal ). */
function scanMailbox(text: string, pos: number, options: AddressOptions): Scanned<Mailbox> {
  const localEnd = scanLocalPart(text, pos, options);
  if (text[localEnd] !== '@') {
    fail(
      `expected "@" after the local-part, found ${describeCharAt(text, localEnd)} (RFC 5321 §4.1.2)`,
    );
  }
  const domain = scanDomainOrLiteral(text, localEnd + 1, options);
  const mailbox: Mailbox = {
    localPart: text.slice(pos, localEnd),
    domain: text.slice(localEnd + 1, domain.end),
    isAddressLiteral: domain.value.isAddressLiteral,
  };
  return { value: mailbox, end: domain.end };
}

/**
 * RFC 5321 §4.1.2: A-d-l = At-domain *( "," At-domain ); At-domain = "@" Domain.
 * The so-called source route MUST be accepted, SHOULD NOT be generated, SHOULD be ignored
 * (§4.1.1.3, §3.6.1, Appendix C). Reads up to and including the ":".
 */
function scanSourceRoute(text: string, pos: number, options: AddressOptions): Scanned<string[]> {
  const route: string[] = [];
  let i = pos;
  for (;;) {
    const end = scanDomain(text, i + 1, options);
    route.push(text.slice(i + 1, end));
    if (text[end] === ':') return { value: route, end: end + 1 };
    if (text[end] !== ',' || text[end + 1] !== '@') {
      fail(`bad source route at ${describeCharAt(text, end)} (RFC 5321 §4.1.2 A-d-l)`, 501);
    }
    i = end + 1;
  }
}

/** A path that does not end in ">": a stray character inside the mailbox is a 553 (§4.1.2). */
function failPathEnd(text: string, i: number): never {
  const found = describeCharAt(text, i);
  if (i < text.length && text[i] !== ' ')
    fail(`unexpected ${found} in the mailbox (RFC 5321 §4.1.2)`);
  return fail(`path must end with ">", found ${found} (RFC 5321 §4.1.2)`, 501);
}

/**
 * Reads a Path or the null path `<>` at `pos` (RFC 5321 §4.1.2 Reverse-path = Path / "<>").
 * Throws {@link CommandSyntaxError}; callers decide whether `<>` is allowed.
 */
export function scanPath(text: string, pos: number, options: AddressOptions): Scanned<Path> {
  if (text[pos] !== '<') {
    fail(`path must start with "<", found ${describeCharAt(text, pos)} (RFC 5321 §4.1.2)`, 501);
  }
  let i = pos + 1;
  let mailbox: Mailbox | null = null;
  let sourceRoute: string[] = [];
  if (text[i] !== '>') {
    if (text[i] === '@') {
      const route = scanSourceRoute(text, i, options);
      sourceRoute = route.value;
      i = route.end;
    }
    const scanned = scanMailbox(text, i, options);
    mailbox = scanned.value;
    i = scanned.end;
  }
  if (text[i] !== '>') failPathEnd(text, i);
  const raw = text.slice(pos, i + 1);
  failOnLimit('path', raw);
  return { value: { mailbox, sourceRoute, raw }, end: i + 1 };
}

/** Runs a scanner over the whole of `text`, turning a throw into a returned error. */
function parseWhole<T>(text: string, scan: () => Scanned<T>): T | CommandSyntaxError {
  try {
    const { value, end } = scan();
    if (end !== text.length) {
      fail(`unexpected ${describeCharAt(text, end)} after the address (RFC 5321 §4.1.2)`, 501);
    }
    return value;
  } catch (err) {
    if (err instanceof CommandSyntaxError) return err;
    throw err;
  }
}

/** Parses a whole Mailbox (`local-part@domain`), e.g. a configured address or a VRFY argument. */
export function parseMailbox(
  text: string,
  options: AddressOptions = {},
): Mailbox | CommandSyntaxError {
  return parseWhole(text, () => scanMailbox(text, 0, options));
}

/** Parses a whole Path with brackets, `<>` included (mailbox `null`). */
export function parsePath(text: string, options: AddressOptions = {}): Path | CommandSyntaxError {
  return parseWhole(text, () => scanPath(text, 0, options));
}

/** A domain or address literal on its own (the EHLO argument). */
export interface DomainArgument {
  domain: string;
  isAddressLiteral: boolean;
}

/** Parses `Domain / address-literal` as the whole of `text` (RFC 5321 §4.1.1.1 ehlo). */
export function parseDomainArgument(
  text: string,
  options: AddressOptions = {},
): DomainArgument | CommandSyntaxError {
  return parseWhole(text, () => {
    const scanned = scanDomainOrLiteral(text, 0, options);
    return {
      value: { domain: text, isAddressLiteral: scanned.value.isAddressLiteral },
      end: scanned.end,
    };
  });
}
