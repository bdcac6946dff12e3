/**
 * What every grammar arbitrary shares: the three forms it can produce, the character
 * classes of the RFC 5321 §4.1.2 grammar as generators, and small string builders.
 *
 * Generated text is a latin1 string: one character per octet, so NUL, 8-bit octets and
 * bare CR/LF can be expressed and reach the wire exactly (`Buffer.from(text, 'latin1')`).
 */
import fc from 'fast-check';

/**
 * - `valid`: inside the grammar (case variants included: RFC 5321 §2.4 makes verbs and
 *   keywords case-insensitive).
 * - `boundary`: valid, and exactly at a RFC 5321 §4.5.3.1 size limit.
 * - `invalid`: outside the grammar (or only accepted by a Postel-lenient parser).
 */
export type Form = 'valid' | 'boundary' | 'invalid';

/** Every arbitrary takes a bag with at least the form to produce (default `valid`). */
export interface FormConstraints {
  form?: Form;
}

/** Characters of a string, as a list, for `fc.constantFrom`. */
function charsOf(ranges: readonly [number, number][], extra = ''): string[] {
  const out = [...extra];
  for (const [from, to] of ranges) {
    for (let c = from; c <= to; c++) out.push(String.fromCharCode(c));
  }
  return out;
}

/** RFC 5234 B.1: ALPHA = %x41-5A / %x61-7A. */
export const ALPHA = charsOf([
  [0x41, 0x5a],
  [0x61, 0x7a],
]);
/** RFC 5234 B.1: DIGIT = %x30-39. */
export const DIGIT = charsOf([[0x30, 0x39]]);
/** RFC 5321 §4.1.2: Let-dig = ALPHA / DIGIT. */
export const LET_DIG = [...ALPHA, ...DIGIT];
/** RFC 5321 §4.1.2: Ldh-str characters (ALPHA / DIGIT / "-"). */
export const LDH = [...LET_DIG, '-'];
/** RFC 5322 §3.2.3 atext (RFC 5321 §4.1.2 Atom = 1*atext). */
export const ATEXT = [...LET_DIG, ..."!#$%&'*+-/=?^_`{|}~"];
/** RFC 5321 §4.1.2: qtextSMTP = %d32-33 / %d35-91 / %d93-126. */
export const QTEXT_SMTP = charsOf([
  [32, 33],
  [35, 91],
  [93, 126],
]);
/** RFC 5321 §4.1.3: dcontent = %d33-90 / %d94-126. */
export const DCONTENT = charsOf([
  [33, 90],
  [94, 126],
]);
/** RFC 5321 §4.1.2: esmtp-value = 1*(%d33-60 / %d62-126). */
export const ESMTP_VALUE = charsOf([
  [33, 60],
  [62, 126],
]);
/** Printable US-ASCII without SP (%d33-126). */
export const VCHAR = charsOf([[33, 126]]);
/** RFC 5234 B.1: HEXDIG, both cases (RFC 5234 §2.3 strings are case-insensitive). */
export const HEXDIG = [...DIGIT, ...'abcdefABCDEF'];

/** A string of `min..max` characters drawn from `chars`. */
export function stringOf(chars: readonly string[], min: number, max: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
}

/** One character from `chars`. */
export function charOf(chars: readonly string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...chars);
}

/**
 * A string of exactly `length` characters from `chars`; the first few are random, the
 * rest repeat them (so shrinking stays fast even at 1000 octets).
 */
export function exactly(chars: readonly string[], length: number): fc.Arbitrary<string> {
  const head = Math.min(length, 8);
  return stringOf(chars, head, head).map((seed) =>
    length === 0 ? '' : seed.repeat(Math.ceil(length / head)).slice(0, length),
  );
}

/** `text` with `insert` placed at a position chosen by the arbitrary. */
export function insertSomewhere(text: string, insert: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: text.length }), insert)
    .map(([at, piece]) => text.slice(0, at) + piece + text.slice(at));
}

/** Octets that break any §4.1 text: NUL, TAB, bare CR, bare LF, DEL, and 8-bit ones. */
export const HOSTILE_OCTETS = {
  nul: '\x00',
  tab: '\t',
  'bare-cr': '\r',
  'bare-lf': '\n',
  del: '\x7f',
  '8bit': '\xe9',
} as const;

/** Name of one hostile octet. */
export type HostileOctet = keyof typeof HOSTILE_OCTETS;
