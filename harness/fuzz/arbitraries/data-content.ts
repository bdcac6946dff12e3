/**
 * Mail data sent after a 354 reply (RFC 5321 §4.1.1.4): lines ending in CRLF, each at
 * most 1000 octets with the CRLF (§4.5.3.1.6), lines starting with "." to exercise
 * transparency (§4.5.2), and end-of-data look-alikes for SMTP smuggling probes.
 *
 * The text is the message content *before* dot-stuffing; the sender stuffs it and adds
 * the CRLF "." CRLF terminator (harness/wire/dot-stuffing.ts).
 */
import fc from 'fast-check';
import type { LookAlikePattern } from '../../wire/data-events.ts';
import { SMTP_LIMITS } from '../../wire/limits.ts';
import {
  exactly,
  type Form,
  type FormConstraints,
  HOSTILE_OCTETS,
  insertSomewhere,
  stringOf,
  VCHAR,
} from './form.ts';

/** Options of {@link dataContent}. */
export interface DataContentConstraints extends FormConstraints {
  /** Most lines (default 8). */
  maxLines?: number;
}

/** Generated content and what makes it interesting (`dot-line`, `line-1000`, `bare-lf`...). */
export interface MessageContent {
  text: string;
  form: Form;
  features: string[];
}

/** Longest line text without its CRLF. */
export const MAX_TEXT_LINE = SMTP_LIMITS.textLine - 2;

const TEXT = [...VCHAR, ' ', ' ', ' ', '\t'];

/** One ordinary content line and its feature name ('' for plain text). */
const line: fc.Arbitrary<[string, string]> = fc.oneof(
  { arbitrary: stringOf(TEXT, 0, 40).map((t): [string, string] => [t, '']), weight: 6 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('Subject', 'From', 'X-Fuzz'), stringOf(TEXT, 0, 20))
      .map(([n, v]): [string, string] => [`${n}: ${v}`, '']),
    weight: 2,
  },
  // RFC 5321 §4.5.2: a line starting with "." is sent with one more "." in front.
  {
    arbitrary: fc
      .constantFrom('.', '..', '...', '. ', '.x', '.\t')
      .map((t): [string, string] => [t, 'dot-line']),
    weight: 2,
  },
  {
    arbitrary: fc
      .integer({ min: 1, max: 8 })
      .map((n): [string, string] => [' '.repeat(n), 'spaces-only']),
    weight: 1,
  },
  { arbitrary: fc.constant<[string, string]>(['', 'empty-line']), weight: 1 },
);

function featuresOf(lines: readonly [string, string][], extra: string[] = []): string[] {
  return [...new Set([...lines.map(([, f]) => f).filter((f) => f !== ''), ...extra])];
}

function join(lines: readonly string[]): string {
  return lines.map((l) => `${l}\r\n`).join('');
}

function fewLines(max: number): fc.Arbitrary<MessageContent> {
  return fc.array(line, { minLength: 0, maxLength: max }).map((ls) => ({
    text: join(ls.map(([t]) => t)),
    form: 'valid' as const,
    features: featuresOf(ls),
  }));
}

/** A few lines of every kind, or (less often) thousands of short ones. */
function validContent(max: number): fc.Arbitrary<MessageContent> {
  return fc.oneof({ arbitrary: fewLines(max), weight: 12 }, { arbitrary: manyLines(), weight: 1 });
}

/** Valid lines around one line of exactly 998 octets (1000 with its CRLF). */
function longestLine(max: number): fc.Arbitrary<MessageContent> {
  const longest = exactly(VCHAR, MAX_TEXT_LINE);
  return fc.tuple(fc.array(line, { maxLength: max }), longest, fc.nat()).map(([ls, long, at]) => {
    const texts = ls.map(([t]) => t);
    texts.splice(at % (texts.length + 1), 0, long);
    return {
      text: join(texts),
      form: 'boundary' as const,
      features: featuresOf(ls, ['line-1000']),
    };
  });
}

/** Hundreds to thousands of short lines (each valid): where per-line work adds up. */
function manyLines(): fc.Arbitrary<MessageContent> {
  return fc
    .tuple(fc.integer({ min: 200, max: 3000 }), fc.constantFrom('x', '.', '..', ' ', 'a b c'))
    .map(([n, l]) => ({
      text: `${l}\r\n`.repeat(n),
      form: 'valid' as const,
      features: ['many-lines', ...(l.startsWith('.') ? ['dot-line'] : [])],
    }));
}

/**
 * Named defects of content (RFC 5321 §2.3.8 bare CR/LF, §4.5.3.1.6 length, NUL, 8-bit): a
 * line just over 1000 octets or of tens of kilobytes, a hostile octet, or an end-of-data
 * look-alike inside a line with nothing smuggled behind it.
 */
export const CONTENT_DEFECTS = [
  'over-long-line',
  'huge-line',
  'bare-cr',
  'bare-lf',
  'nul',
  '8bit',
  'look-alike',
] as const;

type ContentDefect = (typeof CONTENT_DEFECTS)[number];

/** One bad line (with its CRLF) for `defect`. */
function badLine(defect: ContentDefect): fc.Arbitrary<string> {
  switch (defect) {
    case 'over-long-line':
    case 'huge-line': {
      const [min, max] =
        defect === 'huge-line' ? [2000, 64 * 1024] : [MAX_TEXT_LINE + 1, MAX_TEXT_LINE + 600];
      return fc
        .integer({ min, max })
        .chain((n) => exactly(VCHAR, n))
        .map((l) => `${l}\r\n`);
    }
    case 'look-alike':
      return fc
        .tuple(stringOf(VCHAR, 1, 10), fc.constantFrom(...LOOK_ALIKES))
        .map(([t, l]) => `${t}${l}${t}\r\n`);
    default:
      return stringOf(VCHAR, 1, 10)
        .chain((t) => insertSomewhere(t, fc.constant(HOSTILE_OCTETS[defect])))
        .map((l) => `${l}\r\n`);
  }
}

function invalidContent(max: number): fc.Arbitrary<MessageContent> {
  return fc.tuple(fewLines(max), fc.constantFrom(...CONTENT_DEFECTS)).chain(([base, defect]) => {
    const bad = badLine(defect);
    // Where the bad line goes: at a line start of the valid content.
    const starts = [0, ...[...base.text.matchAll(/\r\n/g)].map((m) => (m.index ?? 0) + 2)];
    return fc.tuple(bad, fc.constantFrom(...starts)).map(([b, at]) => ({
      text: base.text.slice(0, at) + b + base.text.slice(at),
      form: 'invalid' as const,
      features: [...base.features, defect],
    }));
  });
}

/** Message content in the requested form. */
export function dataContent(c: DataContentConstraints = {}): fc.Arbitrary<MessageContent> {
  const max = c.maxLines ?? 8;
  switch (c.form ?? 'valid') {
    case 'valid':
      return validContent(max);
    case 'boundary':
      return longestLine(max);
    case 'invalid':
      return invalidContent(max);
  }
}

/**
 * An end-of-data look-alike (RFC 5321 §4.1.1.4: "<LF>.<LF> ... MUST NOT be treated as
 * equivalent to <CRLF>.<CRLF>"). Bare-LF forms can reach a server through relays that pass
 * bare LF; forms with a bare CR generally cannot (see design.md, smuggling).
 */
export interface SmugglingProbe {
  lookAlike: LookAlikePattern;
  exploitability: 'exploitable-via-relay' | 'not-exploitable-via-relay';
}

const LOOK_ALIKES: readonly LookAlikePattern[] = [
  '\n.\n',
  '\n.\r\n',
  '\r\n.\n',
  '\r.\r\n',
  '\r\n.\r',
  '\r.\r',
  '\r.\n',
  '\n.\r',
];

/** One look-alike with its exploitability label. */
export function smugglingProbe(): fc.Arbitrary<SmugglingProbe> {
  return fc.constantFrom(...LOOK_ALIKES).map((lookAlike) => ({
    lookAlike,
    exploitability:
      lookAlike.includes('\r.') || lookAlike.endsWith('.\r')
        ? 'not-exploitable-via-relay'
        : 'exploitable-via-relay',
  }));
}
