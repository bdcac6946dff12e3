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

/**
 * Strings of `min..max` characters from one set, generated straight from the random source
 * (one draw per character, no value tree per character: a fuzz campaign builds thousands
 * of these a second). Short strings come more often under bias. Shrinking shortens the
 * string (to the minimum, by half, by one at either end) and turns characters into the
 * set's first one.
 */
class CharsetString extends fc.Arbitrary<string> {
  readonly #chars: readonly string[];
  readonly #set: ReadonlySet<string>;
  readonly #min: number;
  readonly #max: number;

  constructor(chars: readonly string[], min: number, max: number) {
    super();
    if (chars.length === 0 || min > max) throw new RangeError('no string fits these constraints');
    this.#chars = chars;
    this.#set = new Set(chars);
    this.#min = min;
    this.#max = max;
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<string> {
    const short = biasFactor !== undefined && mrng.nextInt(1, biasFactor) === 1;
    const max = short ? Math.min(this.#max, this.#min + 2) : this.#max;
    const length = mrng.nextInt(this.#min, max);
    let text = '';
    for (let i = 0; i < length; i++) text += this.#chars[mrng.nextInt(0, this.#chars.length - 1)];
    return new fc.Value(text, undefined);
  }

  canShrinkWithoutContext(value: unknown): value is string {
    if (typeof value !== 'string' || value.length < this.#min || value.length > this.#max)
      return false;
    for (const c of value) if (!this.#set.has(c)) return false;
    return true;
  }

  shrink(value: string): fc.Stream<fc.Value<string>> {
    return new fc.Stream(this.#smaller(value)).map((v) => new fc.Value(v, undefined));
  }

  *#smaller(value: string): IterableIterator<string> {
    const min = this.#min;
    if (value.length > min) {
      yield value.slice(0, min);
      const half = Math.max(min, Math.floor(value.length / 2));
      if (half > min && half < value.length) yield value.slice(0, half);
      yield value.slice(0, -1);
      yield value.slice(1);
    }
    const first = this.#chars[0] ?? '';
    const i = [...value].findIndex((c) => c !== first);
    if (i !== -1) yield value.slice(0, i) + first + value.slice(i + 1);
  }
}

/** A string of `min..max` characters drawn from `chars`. */
export function stringOf(chars: readonly string[], min: number, max: number): fc.Arbitrary<string> {
  return new CharsetString(chars, min, max);
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
