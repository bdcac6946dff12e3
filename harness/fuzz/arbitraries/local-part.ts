/**
 * RFC 5321 §4.1.2 `Local-part = Dot-string / Quoted-string`, with `Dot-string = Atom
 * *("."  Atom)`, `Quoted-string = DQUOTE *QcontentSMTP DQUOTE`,
 * `QcontentSMTP = qtextSMTP / quoted-pairSMTP` and `quoted-pairSMTP = %d92 %d32-126`;
 * at most 64 octets (§4.5.3.1.1).
 */
import fc from 'fast-check';
import { SMTP_LIMITS } from '../../wire/limits.ts';
import {
  ATEXT,
  charOf,
  exactly,
  type FormConstraints,
  HOSTILE_OCTETS,
  insertSomewhere,
  QTEXT_SMTP,
  stringOf,
} from './form.ts';

/** Which of the two §4.1.2 alternatives to produce. */
export type LocalPartStyle = 'dot-string' | 'quoted-string';

/** Options of {@link localPart}. */
export interface LocalPartConstraints extends FormConstraints {
  /** Alternatives to draw from (default both; dot-string weighted higher). */
  styles?: readonly LocalPartStyle[];
  /** Longest valid local part (default 20; the limit is 64). */
  maxLength?: number;
}

const atom = (max: number) => stringOf(ATEXT, 1, Math.max(1, max));

function dotString(max: number): fc.Arbitrary<string> {
  return fc
    .array(atom(Math.max(1, Math.floor(max / 3))), { minLength: 1, maxLength: 3 })
    .map((atoms) => atoms.join('.'))
    .filter((s) => s.length <= max);
}

/** One QcontentSMTP: mostly qtextSMTP, sometimes a quoted pair such as `\"` or `\\`. */
const qcontent = fc.oneof(
  { arbitrary: charOf(QTEXT_SMTP), weight: 8 },
  { arbitrary: charOf([...QTEXT_SMTP, '"', '\\']).map((c) => `\\${c}`), weight: 1 },
);

function quotedString(max: number): fc.Arbitrary<string> {
  return fc
    .array(qcontent, { minLength: 0, maxLength: Math.max(0, Math.floor((max - 2) / 2)) })
    .map((parts) => `"${parts.join('')}"`)
    .filter((s) => s.length <= max);
}

function styleArb(styles: readonly LocalPartStyle[]): fc.Arbitrary<LocalPartStyle> {
  if (styles.length === 1) return fc.constant(styles[0] ?? 'dot-string');
  return fc.oneof(
    ...styles.map((s) => ({ arbitrary: fc.constant(s), weight: s === 'dot-string' ? 4 : 1 })),
  );
}

/** Exactly `length` octets in the given style (`length` >= 2 for a quoted string). */
export function localPartOfLength(style: LocalPartStyle, length: number): fc.Arbitrary<string> {
  if (style === 'quoted-string') return exactly(QTEXT_SMTP, length - 2).map((s) => `"${s}"`);
  // Dots inside, never first, last or doubled: every 8th octet.
  return exactly(ATEXT, length).map((s) =>
    [...s].map((c, i) => (i % 8 === 7 && i < length - 1 ? '.' : c)).join(''),
  );
}

/** Named ways to leave the Local-part grammar. */
export const LOCAL_PART_DEFECTS = [
  'over-long',
  'leading-dot',
  'trailing-dot',
  'double-dot',
  'unquoted-special',
  'unescaped-quote',
  'unterminated-quote',
  'backslash-before-control',
  'hostile-octet',
  'empty',
] as const;

function invalidLocalPart(max: number): fc.Arbitrary<string> {
  const dots = dotString(max);
  return fc.constantFrom(...LOCAL_PART_DEFECTS).chain((defect): fc.Arbitrary<string> => {
    switch (defect) {
      case 'over-long':
        return fc
          .tuple(
            fc.constantFrom<LocalPartStyle>('dot-string', 'quoted-string'),
            fc.integer({ min: 65, max: 80 }),
          )
          .chain(([style, n]) => localPartOfLength(style, n));
      case 'leading-dot':
        return dots.map((d) => `.${d}`);
      case 'trailing-dot':
        return dots.map((d) => `${d}.`);
      case 'double-dot':
        return fc.tuple(dots, dots).map(([a, b]) => `${a}..${b}`);
      case 'unquoted-special':
        return fc
          .tuple(dots, dots, fc.constantFrom(...'()<>[]:;,\\" '))
          .map(([a, b, s]) => `${a}${s}${b}`);
      case 'unescaped-quote':
        return fc.tuple(atom(5), atom(5)).map(([a, b]) => `"${a}"${b}"`);
      case 'unterminated-quote':
        return atom(8).map((a) => `"${a}`);
      case 'backslash-before-control':
        return fc.constantFrom('\x00', '\t', '\x7f', '\xe9').map((c) => `"a\\${c}b"`);
      case 'hostile-octet':
        return dots.chain((d) =>
          insertSomewhere(d, fc.constantFrom(...Object.values(HOSTILE_OCTETS))),
        );
      case 'empty':
        return fc.constant('');
    }
  });
}

/** A Local-part in the requested form. */
export function localPart(c: LocalPartConstraints = {}): fc.Arbitrary<string> {
  const styles = c.styles ?? ['dot-string', 'quoted-string'];
  const max = Math.min(c.maxLength ?? 20, SMTP_LIMITS.localPart);
  switch (c.form ?? 'valid') {
    case 'valid':
      return styleArb(styles).chain((s) =>
        s === 'dot-string' ? dotString(max) : quotedString(max),
      );
    case 'boundary':
      return styleArb(styles).chain((s) => localPartOfLength(s, SMTP_LIMITS.localPart));
    case 'invalid':
      return invalidLocalPart(max);
  }
}
