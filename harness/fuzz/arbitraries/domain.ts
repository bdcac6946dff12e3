/**
 * RFC 5321 §4.1.2 `Domain = sub-domain *("." sub-domain)`, with
 * `sub-domain = Let-dig [Ldh-str]` and `Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig`;
 * at most 255 octets (§4.5.3.1.2).
 */
import fc from 'fast-check';
import {
  charOf,
  type FormConstraints,
  HOSTILE_OCTETS,
  insertSomewhere,
  LDH,
  LET_DIG,
  stringOf,
} from './form.ts';

/** Options of {@link domain}. */
export interface DomainConstraints extends FormConstraints {
  /** Most labels of a valid domain (default 4). */
  maxLabels?: number;
  /** Longest label of a valid domain (default 12; DNS allows 63). */
  maxLabelLength?: number;
}

/** A `sub-domain` of 1..max octets: Let-dig, then Ldh characters ending in a Let-dig. */
export function subDomain(maxLength = 12): fc.Arbitrary<string> {
  return fc.oneof(
    charOf(LET_DIG),
    fc
      .tuple(charOf(LET_DIG), stringOf(LDH, 0, Math.max(0, maxLength - 2)), charOf(LET_DIG))
      .map(([a, mid, z]) => a + mid + z),
  );
}

function validDomain(c: DomainConstraints): fc.Arbitrary<string> {
  const labels = fc.array(subDomain(c.maxLabelLength ?? 12), {
    minLength: 1,
    maxLength: c.maxLabels ?? 4,
  });
  return labels.map((l) => l.join('.'));
}

/** A label of exactly `length` octets (Let-dig at both ends). */
function labelOfLength(length: number): fc.Arbitrary<string> {
  if (length === 1) return charOf(LET_DIG);
  return fc
    .tuple(charOf(LET_DIG), stringOf(LDH, 1, 4), charOf(LET_DIG))
    .map(([a, mid, z]) => a + mid.repeat(length).slice(0, length - 2) + z);
}

/**
 * Exactly 255 octets: k labels of length L with k(L+1) - 1 = 255, so L+1 divides 256
 * (L = 63, 31, 15, 7, 3 or 1).
 */
function boundaryDomain(): fc.Arbitrary<string> {
  return fc.constantFrom(63, 31, 15, 7, 3).chain((length) => {
    const count = 256 / (length + 1);
    return fc
      .array(labelOfLength(length), { minLength: count, maxLength: count })
      .map((l) => l.join('.'));
  });
}

/** Named ways to leave the Domain grammar. */
export const DOMAIN_DEFECTS = [
  'leading-hyphen',
  'trailing-hyphen',
  'empty-label',
  'leading-dot',
  'trailing-dot',
  'underscore',
  'hostile-octet',
  'space',
  'over-long',
  'empty',
] as const;

function invalidDomain(c: DomainConstraints): fc.Arbitrary<string> {
  const base = validDomain(c);
  return fc.constantFrom(...DOMAIN_DEFECTS).chain((defect): fc.Arbitrary<string> => {
    switch (defect) {
      case 'leading-hyphen':
        return base.map((d) => `-${d}`);
      case 'trailing-hyphen':
        return base.map((d) => `${d}-`);
      case 'empty-label':
        return fc.tuple(base, base).map(([a, b]) => `${a}..${b}`);
      case 'leading-dot':
        return base.map((d) => `.${d}`);
      case 'trailing-dot':
        return base.map((d) => `${d}.`);
      case 'underscore':
        return base.chain((d) => insertSomewhere(d, fc.constant('_')));
      case 'hostile-octet':
        return base.chain((d) =>
          insertSomewhere(d, fc.constantFrom(...Object.values(HOSTILE_OCTETS))),
        );
      case 'space':
        return fc.tuple(base, base).map(([a, b]) => `${a} ${b}`);
      case 'over-long':
        return boundaryDomain().chain((d) => labelOfLength(1).map((x) => `${x}${d}`));
      case 'empty':
        return fc.constant('');
    }
  });
}

/** A Domain in the requested form. */
export function domain(c: DomainConstraints = {}): fc.Arbitrary<string> {
  switch (c.form ?? 'valid') {
    case 'valid':
      return validDomain(c);
    case 'boundary':
      return boundaryDomain();
    case 'invalid':
      return invalidDomain(c);
  }
}

/**
 * A valid Domain of exactly `length` octets (1..255): labels of at most 63 octets (the DNS
 * label limit, RFC 1035 §2.3.4), cut so that no label is empty.
 */
export function domainOfLength(length: number): fc.Arbitrary<string> {
  const sizes: number[] = [];
  let left = length;
  while (left > 63) {
    // Never leave exactly one octet for the dot and nothing for the next label.
    const take = left - 64 === 0 ? 62 : 63;
    sizes.push(take);
    left -= take + 1;
  }
  sizes.push(left);
  return fc.tuple(...sizes.map(labelOfLength)).map((labels) => labels.join('.'));
}
