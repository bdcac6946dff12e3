/**
 * RFC 5321 §4.1.3 `address-literal = "[" ( IPv4-address-literal / IPv6-address-literal /
 * General-address-literal ) "]"`, brackets included.
 */
import fc from 'fast-check';
import { SMTP_LIMITS } from '../../wire/limits.ts';
import { subDomain } from './domain.ts';
import {
  charOf,
  DCONTENT,
  exactly,
  type FormConstraints,
  HEXDIG,
  HOSTILE_OCTETS,
  insertSomewhere,
  stringOf,
} from './form.ts';

/** The three §4.1.3 forms. */
export type AddressLiteralKind = 'ipv4' | 'ipv6' | 'general';

/** Options of {@link addressLiteral}. */
export interface AddressLiteralConstraints extends FormConstraints {
  /** Forms to draw from (default all three). */
  kinds?: readonly AddressLiteralKind[];
}

/** RFC 5321 §4.1.3: `Snum = 1*3DIGIT` representing a decimal integer 0 through 255. */
const snum = fc.integer({ min: 0, max: 255 }).chain((n) => {
  const text = String(n);
  // Leading zeros keep it 1*3DIGIT: "7", "07", "007" are all Snum.
  return fc.integer({ min: text.length, max: 3 }).map((width) => text.padStart(width, '0'));
});

/** `IPv4-address-literal = Snum 3("." Snum)`. */
const ipv4 = fc.array(snum, { minLength: 4, maxLength: 4 }).map((p) => p.join('.'));

/** `IPv6-hex = 1*4HEXDIG`. */
const hex = stringOf(HEXDIG, 1, 4);

function hexGroups(min: number, max: number): fc.Arbitrary<string[]> {
  return fc.array(hex, { minLength: min, maxLength: max });
}

/**
 * `IPv6-addr = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp`: 8 groups; "::" with at
 * most 6 groups around it; 6 groups and IPv4; "::" with at most 4 groups and IPv4.
 */
const ipv6Address = fc.oneof(
  hexGroups(8, 8).map((g) => g.join(':')),
  fc
    .tuple(hexGroups(0, 6), fc.nat({ max: 6 }))
    .map(([g, cut]) => `${g.slice(0, cut).join(':')}::${g.slice(cut).join(':')}`),
  fc.tuple(hexGroups(6, 6), ipv4).map(([g, v4]) => `${g.join(':')}:${v4}`),
  fc.tuple(hexGroups(0, 4), fc.nat({ max: 4 }), ipv4).map(([g, cut, v4]) => {
    const right = g.slice(cut);
    return `${g.slice(0, cut).join(':')}::${right.length > 0 ? `${right.join(':')}:` : ''}${v4}`;
  }),
);

/** `"IPv6:"` in any case (RFC 5234 §2.3: quoted ABNF strings are case-insensitive). */
const ipv6Tag = fc.mixedCase(fc.constant('IPv6'));

/** `General-address-literal = Standardized-tag ":" 1*dcontent`; the tag is not "IPv6". */
const generalTag = subDomain(10).filter((t) => t.toLowerCase() !== 'ipv6');

function validContent(kind: AddressLiteralKind): fc.Arbitrary<string> {
  switch (kind) {
    case 'ipv4':
      return ipv4;
    case 'ipv6':
      return fc.tuple(ipv6Tag, ipv6Address).map(([tag, a]) => `${tag}:${a}`);
    case 'general':
      return fc.tuple(generalTag, stringOf(DCONTENT, 1, 20)).map(([t, c]) => `${t}:${c}`);
  }
}

/** Extremes of each form; a general literal of exactly 255 octets with its brackets. */
function boundaryContent(kind: AddressLiteralKind): fc.Arbitrary<string> {
  switch (kind) {
    case 'ipv4':
      return fc.constantFrom('0.0.0.0', '255.255.255.255', '000.000.000.000', '1.22.255.0');
    case 'ipv6':
      return fc.constantFrom(
        'IPv6:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
        'IPv6:::',
        'IPv6:1::',
        'IPv6:::1',
        'IPv6:ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255',
        'IPv6:::0.0.0.0',
      );
    case 'general':
      return generalTag.chain((tag) =>
        exactly(DCONTENT, SMTP_LIMITS.domain - 3 - tag.length).map((c) => `${tag}:${c}`),
      );
  }
}

/** Named ways to leave the §4.1.3 grammar. */
export const ADDRESS_LITERAL_DEFECTS = [
  'missing-open',
  'missing-close',
  'empty',
  'snum-over-255',
  'three-octets',
  'snum-four-digits',
  'ipv6-nine-groups',
  'ipv6-double-compression',
  'ipv6-bad-hex',
  'general-empty-content',
  'bad-tag',
  'hostile-octet',
  'over-long',
] as const;

function invalidLiteral(kinds: readonly AddressLiteralKind[]): fc.Arbitrary<string> {
  const kind = fc.constantFrom(...kinds);
  const bracketed = kind.chain(validContent).map((c) => `[${c}]`);
  return fc.constantFrom(...ADDRESS_LITERAL_DEFECTS).chain((defect): fc.Arbitrary<string> => {
    switch (defect) {
      case 'missing-open':
        // An IPv4 number without "[" would still be a (numeric) Domain: keep a ":" in it.
        return kind.chain((k) => validContent(k === 'ipv4' ? 'ipv6' : k)).map((c) => `${c}]`);
      case 'missing-close':
        return bracketed.map((b) => b.slice(0, -1));
      case 'empty':
        return fc.constant('[]');
      case 'snum-over-255':
        return fc.integer({ min: 256, max: 999 }).map((n) => `[192.0.2.${n}]`);
      case 'three-octets':
        return fc
          .array(fc.integer({ min: 0, max: 255 }), { minLength: 3, maxLength: 3 })
          .map((p) => `[${p.join('.')}]`);
      case 'snum-four-digits':
        return fc.constant('[0001.2.3.4]');
      case 'ipv6-nine-groups':
        return hexGroups(9, 9).map((g) => `[IPv6:${g.join(':')}]`);
      case 'ipv6-double-compression':
        return fc.tuple(hex, hex, hex).map(([a, b, c]) => `[IPv6:${a}::${b}::${c}]`);
      case 'ipv6-bad-hex':
        return fc.constantFrom('[IPv6:g::1]', '[IPv6:12345::1]', '[IPv6:1:2:3]', '[IPv6:]');
      case 'general-empty-content':
        return generalTag.map((t) => `[${t}:]`);
      case 'bad-tag':
        // Standardized-tag = Ldh-str: it may start with "-" but must end in a Let-dig.
        return fc
          .tuple(fc.constantFrom('x-', 'x_y', '', 'a.b'), stringOf(DCONTENT, 1, 8))
          .map(([t, c]) => `[${t}:${c}]`);
      case 'hostile-octet':
        return bracketed.chain((b) =>
          insertSomewhere(
            b.slice(1, -1),
            charOf([...Object.values(HOSTILE_OCTETS), ' ', '[', '\\']),
          ).map((inner) => `[${inner}]`),
        );
      case 'over-long':
        return boundaryContent('general').map((c) => `[${c}x]`);
    }
  });
}

/** An address literal, brackets included, in the requested form. */
export function addressLiteral(c: AddressLiteralConstraints = {}): fc.Arbitrary<string> {
  const kinds = c.kinds ?? ['ipv4', 'ipv6', 'general'];
  const kind = fc.constantFrom(...kinds);
  switch (c.form ?? 'valid') {
    case 'valid':
      return kind.chain(validContent).map((x) => `[${x}]`);
    case 'boundary':
      return kind.chain(boundaryContent).map((x) => `[${x}]`);
    case 'invalid':
      return invalidLiteral(kinds);
  }
}
