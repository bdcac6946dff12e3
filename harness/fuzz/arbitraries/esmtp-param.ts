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
import {
  madeUpKeyword,
  madeUpValue,
  type ParamDictionary,
  valuedKeywords,
} from './param-dictionary.ts';

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

/**
 * How one entry of a long parameter list is made: a parameter the target's extensions
 * define, one nobody defined, a keyword already in the list, a keyword that takes a value
 * without one (`BODY`, `NOTIFY=`), a value without a keyword (`=x`), or a value of hundreds
 * of octets.
 */
export const PARAM_ENTRY_KINDS = [
  'valid',
  'unknown',
  'duplicate',
  'no-value',
  'no-keyword',
  'over-long',
] as const;

export type ParamEntryKind = (typeof PARAM_ENTRY_KINDS)[number];

/** A parameter list and how each of its entries was made. */
export interface ParamList {
  text: string;
  kinds: ParamEntryKind[];
}

type Entry = { kind: ParamEntryKind; keyword: string; value: string | null };

/** Keywords that take a value when the dictionary has none (RFC 1870, RFC 6152). */
const FALLBACK_VALUED = ['SIZE', 'BODY'];

function entry(d: ParamDictionary): fc.Arbitrary<Entry> {
  const known = Object.keys(d);
  const valued = valuedKeywords(d);
  const keywordOf = (list: readonly string[]) =>
    list.length > 0 ? fc.constantFrom(...list) : madeUpKeyword;
  const valid =
    known.length === 0
      ? fc
          .tuple(madeUpKeyword, madeUpValue)
          .map(([k, v]): Entry => ({ kind: 'valid', keyword: k, value: v }))
      : fc
          .constantFrom(...known)
          .chain((k) =>
            (d[k] ?? fc.constant(null)).map(
              (v): Entry => ({ kind: 'valid', keyword: k, value: v }),
            ),
          );
  const kind =
    (k: ParamEntryKind) =>
    (e: Omit<Entry, 'kind'>): Entry => ({ kind: k, ...e });
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: valid, weight: 4 },
    {
      arbitrary: fc
        .tuple(madeUpKeyword, madeUpValue)
        .map(([k, v]) => kind('unknown')({ keyword: k, value: v })),
      weight: 3,
    },
    {
      arbitrary: fc.nat().map((n) => kind('duplicate')({ keyword: `#${n}`, value: '1' })),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(keywordOf(valued.length > 0 ? valued : FALLBACK_VALUED), fc.boolean())
        .map(([k, empty]) => kind('no-value')({ keyword: empty ? `${k}=` : k, value: null })),
      weight: 2,
    },
    {
      arbitrary: stringOf(ESMTP_VALUE, 1, 8).map((v) =>
        kind('no-keyword')({ keyword: '', value: v }),
      ),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(keywordOf(known), fc.integer({ min: 300, max: 1200 }))
        .chain(([k, n]) =>
          exactly(ESMTP_VALUE, n).map((v) => kind('over-long')({ keyword: k, value: v })),
        ),
      weight: 1,
    },
  );
}

/** `KEYWORD=value`, `KEYWORD`, or `=value`; a duplicate names an earlier entry's keyword. */
function render(entries: readonly Entry[]): string {
  const seen: string[] = [];
  const parts = entries.map((e) => {
    let keyword = e.keyword;
    if (e.kind === 'duplicate') {
      const earlier = seen.filter((k) => k !== '');
      keyword = earlier[Number(keyword.slice(1)) % Math.max(1, earlier.length)] ?? 'SIZE';
    }
    seen.push(keyword.replace(/=$/, ''));
    return e.value === null ? keyword : `${keyword}=${e.value}`;
  });
  return parts.join(' ');
}

/**
 * A list of 1 to `maxParams` (default 24) parameters, each made as {@link PARAM_ENTRY_KINDS}
 * says, keywords from `dictionary` (what the target advertised). Shrinking drops entries and
 * turns them into valid ones, so a finding keeps only the entries that matter.
 */
export function paramList(dictionary: ParamDictionary, maxParams = 24): fc.Arbitrary<ParamList> {
  return fc
    .array(entry(dictionary), { minLength: 1, maxLength: maxParams, size: 'max' })
    .map((entries) => ({ text: render(entries), kinds: entries.map((e) => e.kind) }));
}
