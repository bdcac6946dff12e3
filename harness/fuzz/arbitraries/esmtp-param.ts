/**
 * RFC 5321 §4.1.2 `Mail-parameters = esmtp-param *(SP esmtp-param)`,
 * `esmtp-param = esmtp-keyword ["=" esmtp-value]`,
 * `esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")`,
 * `esmtp-value = 1*(%d33-60 / %d62-126)`.
 */
import fc from 'fast-check';
import {
  charOf,
  ESMTP_VALUE,
  exactly,
  type FormConstraints,
  HOSTILE_OCTETS,
  LDH,
  LET_DIG,
  stringOf,
} from './form.ts';

/** Options of {@link esmtpParams}. */
export interface EsmtpParamConstraints extends FormConstraints {
  /** Keywords to prefer (e.g. `SIZE`, `BODY`); others are generated. */
  keywords?: readonly string[];
  /** Most parameters in a valid list (default 3). */
  maxParams?: number;
}

/** A keyword as it would be registered: upper case, sometimes a known one. */
function keyword(known: readonly string[]): fc.Arbitrary<string> {
  const made = fc
    .tuple(charOf(LET_DIG), stringOf(LDH, 0, 8))
    .map(([a, rest]) => `X-${a}${rest}`.toUpperCase());
  if (known.length === 0) return made;
  return fc.oneof(fc.constantFrom(...known), made);
}

/** One valid `esmtp-param`. */
export function esmtpParam(keywords: readonly string[] = []): fc.Arbitrary<string> {
  const value = fc.option(stringOf(ESMTP_VALUE, 1, 12), { nil: undefined });
  return keyword(keywords).chain((k) => {
    const known = KNOWN_VALUES[k];
    if (known) return known.map((v) => `${k}=${v}`);
    return value.map((v) => (v === undefined ? k : `${k}=${v}`));
  });
}

/**
 * Values that mean something for registered keywords, so a valid line is also a sensible
 * one: RFC 1870 `SIZE=1*20DIGIT`, RFC 6152 / RFC 3030 `BODY=7BIT / 8BITMIME / BINARYMIME`.
 */
const KNOWN_VALUES: Readonly<Record<string, fc.Arbitrary<string>>> = {
  SIZE: fc.integer({ min: 0, max: 99_999_999 }).map(String),
  BODY: fc.constantFrom('7BIT', '8BITMIME'),
};

function validParams(c: EsmtpParamConstraints): fc.Arbitrary<string> {
  return fc
    .uniqueArray(esmtpParam(c.keywords), {
      minLength: 1,
      maxLength: c.maxParams ?? 3,
      selector: (p) => (p.split('=')[0] ?? p).toUpperCase(),
    })
    .map((ps) => ps.join(' '));
}

/**
 * A list `len` octets long: one parameter whose value is padded (used to bring a MAIL or
 * RCPT line to exactly the 512-octet command-line limit). `len` must be at least 8.
 */
export function paramsOfLength(len: number): fc.Arbitrary<string> {
  const prefix = 'X-PAD=';
  return exactly(ESMTP_VALUE, len - prefix.length).map((v) => prefix + v);
}

/** Named ways to leave the parameter grammar (duplicates: see {@link esmtpParams}). */
export const ESMTP_PARAM_DEFECTS = [
  'empty-param',
  'trailing-space',
  'duplicate-keyword',
  'empty-value',
  'bad-keyword',
  'equals-in-value',
  'hostile-octet',
] as const;

function invalidParams(c: EsmtpParamConstraints): fc.Arbitrary<string> {
  const one = esmtpParam(c.keywords);
  return fc.constantFrom(...ESMTP_PARAM_DEFECTS).chain((defect): fc.Arbitrary<string> => {
    switch (defect) {
      case 'empty-param':
        return fc.tuple(one, one).map(([a, b]) => `${a}  ${b}`);
      case 'trailing-space':
        return one.map((a) => `${a} `);
      case 'duplicate-keyword':
        return fc.tuple(one, stringOf(ESMTP_VALUE, 1, 6), fc.boolean()).map(([a, v, lower]) => {
          const k = a.split('=')[0] ?? a;
          return `${a} ${lower ? k.toLowerCase() : k}=${v}`;
        });
      case 'empty-value':
        return keyword(c.keywords ?? []).map((k) => `${k}=`);
      case 'bad-keyword':
        return fc
          .tuple(fc.constantFrom('-', '_', '.', '+'), stringOf(LET_DIG, 1, 6))
          .chain(([bad, k]) => fc.constantFrom(`${bad}${k}`, `${k}${bad === '-' ? '_' : bad}X`));
      case 'equals-in-value':
        return keyword(c.keywords ?? []).map((k) => `${k}=a=b`);
      case 'hostile-octet':
        return fc
          .tuple(keyword(c.keywords ?? []), fc.constantFrom(...Object.values(HOSTILE_OCTETS)))
          .map(([k, o]) => `${k}=a${o}b`);
    }
  });
}

/**
 * A parameter list (the text after the path and its SP) in the requested form. The codec
 * keeps repeated keywords for the server to judge (harness/wire/esmtp-params.ts), so an
 * invalid list is one `parseEsmtpParams` rejects or one with a repeated keyword.
 */
export function esmtpParams(c: EsmtpParamConstraints = {}): fc.Arbitrary<string> {
  switch (c.form ?? 'valid') {
    case 'valid':
      return validParams(c);
    case 'boundary':
      return fc.integer({ min: 8, max: 200 }).chain(paramsOfLength);
    case 'invalid':
      return invalidParams(c);
  }
}
