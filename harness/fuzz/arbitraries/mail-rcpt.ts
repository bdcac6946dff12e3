/**
 * RFC 5321 §4.1.1.2 `mail = "MAIL FROM:" Reverse-path [SP Mail-parameters] CRLF` and
 * §4.1.1.3 `rcpt = "RCPT TO:" ( "<Postmaster@" Domain ">" / "<Postmaster>" /
 * Forward-path ) [SP Rcpt-parameters] CRLF`.
 */
import fc from 'fast-check';
import { SMTP_LIMITS } from '../../wire/limits.ts';
import {
  type CommandLine,
  lineOf,
  MAX_COMMAND_TEXT,
  mutateLine,
  verbText,
} from './command-line.ts';
import { domain, domainOfLength } from './domain.ts';
import { esmtpParams, paramList, paramsOfLength } from './esmtp-param.ts';
import type { FormConstraints } from './form.ts';
import { localPartOfLength } from './local-part.ts';
import type { ParamDictionary } from './param-dictionary.ts';
import { path } from './path.ts';

/** Options of {@link mailCommand} and {@link rcptCommand}. */
export interface MailRcptConstraints extends FormConstraints {
  /** Mailboxes for valid paths, e.g. the target's known recipients (default generated). */
  mailbox?: fc.Arbitrary<string>;
  /** Parameter keywords to prefer in valid lines (e.g. `SIZE`, `BODY` for MAIL). */
  keywords?: readonly string[];
}

type Envelope = 'MAIL' | 'RCPT';

const PREFIX: Record<Envelope, string> = { MAIL: 'FROM:', RCPT: 'TO:' };

function head(verb: Envelope): fc.Arbitrary<string> {
  return fc
    .tuple(verbText(verb), fc.mixedCase(fc.constant(PREFIX[verb])))
    .map(([v, p]) => `${v} ${p}`);
}

function validPath(verb: Envelope, c: MailRcptConstraints): fc.Arbitrary<string> {
  const direction = verb === 'MAIL' ? 'reverse' : 'forward';
  const paths = [
    { arbitrary: path({ direction, ...(c.mailbox ? { mailbox: c.mailbox } : {}) }), weight: 8 },
  ];
  if (verb === 'RCPT') {
    // §4.1.1.3 and §4.5.1: "Postmaster" in any case, with or without a domain.
    paths.push({ arbitrary: fc.mixedCase(fc.constant('<Postmaster>')), weight: 1 });
  }
  return fc.oneof(...paths);
}

function valid(verb: Envelope, c: MailRcptConstraints): fc.Arbitrary<CommandLine> {
  const params = fc.option(esmtpParams({ keywords: c.keywords ?? [] }), { freq: 4, nil: '' });
  return fc
    .tuple(head(verb), validPath(verb, c), params)
    .map(([h, p, ps]) => lineOf(verb, `${h}${p}${ps === '' ? '' : ` ${ps}`}`, 'valid', ''));
}

function boundaryName(p: string): string {
  if (p === '<>') return 'null-path';
  return p.length === SMTP_LIMITS.path ? 'path-256' : 'local-part-64';
}

/** The null reverse-path, a 256-octet path, a 64-octet local part, or a line of exactly 512 octets with CRLF. */
function boundary(verb: Envelope): fc.Arbitrary<CommandLine> {
  const direction = verb === 'MAIL' ? 'reverse' : 'forward';
  const atPath = fc
    .tuple(head(verb), path({ direction, form: 'boundary' }))
    .map(([h, p]) => lineOf(verb, `${h}${p}`, 'boundary', boundaryName(p)));
  const fullLine = fc
    .tuple(head(verb), path({ direction }))
    .filter(([h, p]) => MAX_COMMAND_TEXT - h.length - p.length - 1 >= 8)
    .chain(([h, p]) =>
      paramsOfLength(MAX_COMMAND_TEXT - h.length - p.length - 1).map((ps) =>
        lineOf(verb, `${h}${p} ${ps}`, 'boundary', 'line-512'),
      ),
    );
  return fc.oneof(atPath, fullLine);
}

/** Grammar-specific defects of the MAIL/RCPT line, then the shared line mutations. */
function invalid(verb: Envelope, c: MailRcptConstraints): fc.Arbitrary<CommandLine> {
  const direction = verb === 'MAIL' ? 'reverse' : 'forward';
  const p = validPath(verb, c);
  const word = PREFIX[verb];
  // The well-formed line with the same path, for a finding to be retried without the defect.
  const bad = (mutation: string, x: string) => (text: string) =>
    lineOf(verb, text, 'invalid', mutation, `${verb} ${word}${x}`);
  return fc.oneof(
    fc
      .tuple(p, fc.integer({ min: 1, max: 3 }))
      .map(([x, n]) => bad(`space-after-colon-${n}`, x)(`${verb} ${word}${' '.repeat(n)}${x}`)),
    p.map((x) => bad('space-before-colon', x)(`${verb} ${word.slice(0, -1)} :${x}`)),
    p.map((x) => bad('double-space-after-verb', x)(`${verb}  ${word}${x}`)),
    p.map((x) => bad('missing-space-after-verb', x)(`${verb}${word}${x}`)),
    p.map((x) => bad('missing-colon', x)(`${verb} ${word.slice(0, -1)}${x}`)),
    p.map((x) => bad('wrong-keyword', x)(`${verb} ${verb === 'MAIL' ? 'TO:' : 'FROM:'}${x}`)),
    fc.constant(lineOf(verb, verb, 'invalid', 'missing-argument')),
    fc.constant(lineOf(verb, `${verb} ${word}`, 'invalid', 'missing-path')),
    path({ direction, form: 'invalid' }).map((x) =>
      lineOf(verb, `${verb} ${word}${x}`, 'invalid', 'bad-path'),
    ),
    fc
      .tuple(p, esmtpParams({ form: 'invalid' }))
      .map(([x, ps]) => bad('bad-params', x)(`${verb} ${word}${x} ${ps}`)),
    p.map((x) => bad('path-then-text', x)(`${verb} ${word}${x}x`)),
    // Just past the RFC 5321 §4.5.3.1 limits: where length checks are off by one.
    {
      arbitrary: overLimitPath().map((x) =>
        lineOf(verb, `${verb} ${word}${x.path}`, 'invalid', x.mutation),
      ),
      weight: 3,
    },
    mutateLine(valid(verb, c)),
  );
}

/** A path with a 65-70 octet local part (§4.5.3.1.1) or of 257-260 octets (§4.5.3.1.3). */
function overLimitPath(): fc.Arbitrary<{ path: string; mutation: string }> {
  const longLocal = fc
    .integer({ min: SMTP_LIMITS.localPart + 1, max: SMTP_LIMITS.localPart + 6 })
    .chain((n) => fc.tuple(localPartOfLength('dot-string', n), domain()))
    .map(([l, d]) => ({ path: `<${l}@${d}>`, mutation: 'local-part-over-64' }));
  const longPath = fc
    .integer({ min: 1, max: 4 })
    .chain((extra) =>
      fc.tuple(localPartOfLength('dot-string', 40), domainOfLength(SMTP_LIMITS.path - 43 + extra)),
    )
    .map(([l, d]) => ({ path: `<${l}@${d}>`, mutation: 'path-over-256' }));
  return fc.oneof(longLocal, longPath);
}

function envelope(verb: Envelope, c: MailRcptConstraints): fc.Arbitrary<CommandLine> {
  switch (c.form ?? 'valid') {
    case 'valid':
      return valid(verb, c);
    case 'boundary':
      return boundary(verb);
    case 'invalid':
      return invalid(verb, c);
  }
}

/** A MAIL FROM line in the requested form. */
export function mailCommand(c: MailRcptConstraints = {}): fc.Arbitrary<CommandLine> {
  return envelope('MAIL', c);
}

/** A RCPT TO line in the requested form. */
export function rcptCommand(c: MailRcptConstraints = {}): fc.Arbitrary<CommandLine> {
  return envelope('RCPT', c);
}

/**
 * A MAIL or RCPT line with a valid path and a long parameter list (esmtp-param.ts
 * `paramList`): up to 24 parameters, valid ones from `dictionary` (what the target
 * advertised), unknown, repeated, keywords without their value, values without a keyword,
 * over-long values. Valid only when every entry is valid and no keyword repeats.
 */
export function paramListCommand(
  verb: Envelope,
  dictionary: ParamDictionary,
  c: MailRcptConstraints = {},
): fc.Arbitrary<CommandLine> {
  return fc.tuple(head(verb), validPath(verb, c), paramList(dictionary)).map(([h, p, list]) => {
    const keywords = list.text.split(' ').map((x) => (x.split('=')[0] ?? '').toUpperCase());
    const clean =
      list.kinds.every((k) => k === 'valid') && new Set(keywords).size === keywords.length;
    return lineOf(verb, `${h}${p} ${list.text}`, clean ? 'valid' : 'invalid', 'param-list');
  });
}
