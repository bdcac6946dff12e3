/**
 * The MAIL and RCPT parameters a target's EHLO reply makes meaningful: each advertised
 * service extension names the `esmtp-keyword`s it adds (RFC 5321 §4.1.2, §2.2.2) and the
 * values they take. Keywords the fuzzer does not know are used as they were advertised, so
 * a server's own extensions are fuzzed too.
 */
import fc from 'fast-check';
import { DIGIT, ESMTP_VALUE, LET_DIG, stringOf } from './form.ts';

/** A keyword with the arbitrary of its value, or `null` for a keyword without one. */
export type ParamDictionary = Readonly<Record<string, fc.Arbitrary<string> | null>>;

/** The parameters of MAIL and of RCPT a target's extensions give meaning to. */
export interface ParamDictionaries {
  mail: ParamDictionary;
  rcpt: ParamDictionary;
}

/** RFC 3461 §4: xtext, `+XX` for octets outside `!`..`~` and for `+` and `=`. */
const xtext = stringOf(
  ESMTP_VALUE.filter((c) => c !== '+'),
  1,
  16,
);
const number = (max: number) => fc.integer({ min: 0, max }).map(String);

type Entry = [keyword: string, value: fc.Arbitrary<string> | null];

/** Per extension keyword: the MAIL and RCPT parameters it adds. */
const BY_EXTENSION: Readonly<Record<string, { mail?: Entry[]; rcpt?: Entry[] }>> = {
  // RFC 1870 §3: SIZE=1*20DIGIT.
  SIZE: { mail: [['SIZE', number(99_999_999)]] },
  // RFC 6152 §2, RFC 3030 §3.
  '8BITMIME': { mail: [['BODY', fc.constantFrom('7BIT', '8BITMIME')]] },
  BINARYMIME: { mail: [['BODY', fc.constant('BINARYMIME')]] },
  // RFC 6531 §3.4: SMTPUTF8 has no value.
  SMTPUTF8: { mail: [['SMTPUTF8', null]] },
  // RFC 3461 §4.1-§4.4.
  DSN: {
    mail: [
      ['RET', fc.constantFrom('FULL', 'HDRS')],
      ['ENVID', xtext],
    ],
    rcpt: [
      ['NOTIFY', fc.constantFrom('NEVER', 'SUCCESS', 'FAILURE', 'DELAY', 'SUCCESS,FAILURE,DELAY')],
      ['ORCPT', xtext.map((x) => `rfc822;${x}@example.test`)],
    ],
  },
  // RFC 4954 §5: AUTH=<> or an xtext mailbox.
  AUTH: { mail: [['AUTH', fc.oneof(fc.constant('<>'), xtext)]] },
  // RFC 8689 §4.1: REQUIRETLS has no value.
  REQUIRETLS: { mail: [['REQUIRETLS', null]] },
  // RFC 6710 §3: MT-PRIORITY=-9..9.
  'MT-PRIORITY': { mail: [['MT-PRIORITY', fc.integer({ min: -9, max: 9 }).map(String)]] },
  // RFC 2852 §4: BY=time;mode.
  DELIVERBY: {
    mail: [
      [
        'BY',
        fc
          .tuple(number(999_999), fc.constantFrom('R', 'N', 'RT', 'NT'))
          .map(([t, m]) => `${t};${m}`),
      ],
    ],
  },
  // RFC 4865 §5: HOLDFOR=seconds / HOLDUNTIL=date-time.
  FUTURERELEASE: { mail: [['HOLDFOR', number(604_800)]] },
};

/** Extension keywords that add no MAIL or RCPT parameter. */
const NO_PARAMS = new Set([
  'PIPELINING',
  'STARTTLS',
  'CHUNKING',
  'ENHANCEDSTATUSCODES',
  'HELP',
  'VRFY',
  'EXPN',
  'ETRN',
  'ATRN',
]);

const unknownValue = fc.option(stringOf(ESMTP_VALUE, 1, 12), { nil: null, freq: 3 });

/**
 * The dictionaries for a target that advertised `keywords` (EHLO keywords or whole EHLO
 * lines with their parameters, any case).
 * A keyword the table does not know becomes a parameter of both commands, with a value
 * or without.
 */
export function paramDictionaries(keywords: Iterable<string>): ParamDictionaries {
  const mail: Record<string, fc.Arbitrary<string> | null> = {};
  const rcpt: Record<string, fc.Arbitrary<string> | null> = {};
  for (const raw of keywords) {
    // An EHLO line as reported (`SIZE 10485760`): the keyword is its first word.
    const keyword = (raw.split(' ')[0] ?? '').toUpperCase();
    const known = BY_EXTENSION[keyword];
    for (const [k, v] of known?.mail ?? []) mail[k] = v;
    for (const [k, v] of known?.rcpt ?? []) rcpt[k] = v;
    if (known === undefined && !NO_PARAMS.has(keyword) && /^[A-Z0-9][A-Z0-9-]*$/.test(keyword)) {
      // Whether it takes a value is unknown: both are tried.
      mail[keyword] ??= stringOf(ESMTP_VALUE, 1, 12);
      rcpt[keyword] ??= stringOf(ESMTP_VALUE, 1, 12);
    }
  }
  return { mail, rcpt };
}

/** Keywords of `d` that take a value: sent without one, they break RFC 5321 §4.1.2. */
export function valuedKeywords(d: ParamDictionary): string[] {
  return Object.entries(d)
    .filter(([, v]) => v !== null)
    .map(([k]) => k);
}

/** A keyword nobody registered: `X-` and letters and digits. */
export const madeUpKeyword: fc.Arbitrary<string> = fc
  .tuple(stringOf(LET_DIG, 1, 6), stringOf(DIGIT, 0, 2))
  .map(([a, b]) => `X-${a}${b}`.toUpperCase());

/** A value for a made-up keyword, sometimes none. */
export const madeUpValue = unknownValue;
