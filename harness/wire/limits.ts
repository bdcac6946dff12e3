/**
 * RFC 5321 §4.5.3.1 size limits, in octets (or counts), and the helpers that measure
 * against them. One table so the server, client and fuzzer agree on every number.
 */

/**
 * The minimum maximums of RFC 5321 §4.5.3.1, declared once: an implementation MUST accept
 * objects at least this large; "to the maximum extent possible" it should not impose
 * smaller ones. Sizes are octets (the recipient limit is a count).
 */
const LIMIT_TABLE = {
  /** "The maximum total length of a user name or other local-part is 64 octets." */
  localPart: { max: 64, section: '4.5.3.1.1', label: 'local-part' },
  /** "The maximum total length of a domain name or number is 255 octets." */
  domain: { max: 255, section: '4.5.3.1.2', label: 'domain' },
  /** "The maximum total length of a reverse-path or forward-path is 256 octets" (`<>` included). */
  path: { max: 256, section: '4.5.3.1.3', label: 'path' },
  /** "The maximum total length of a command line including the command word and the <CRLF> is 512 octets." */
  commandLine: { max: 512, section: '4.5.3.1.4', label: 'command line' },
  /** "The maximum total length of a reply line including the reply code and the <CRLF> is 512 octets." */
  replyLine: { max: 512, section: '4.5.3.1.5', label: 'reply line' },
  /** "The maximum total length of a text line including the <CRLF> is 1000 octets" (stuffing dot not counted). */
  textLine: { max: 1000, section: '4.5.3.1.6', label: 'text line' },
  /** "The minimum total number of recipients that MUST be buffered is 100 recipients." */
  recipients: { max: 100, section: '4.5.3.1.8', label: 'recipient count' },
} as const;

/** Name of one limit; errors carry it so callers pick the reply. */
export type LimitName = keyof typeof LIMIT_TABLE;

function view<K extends 'max' | 'section' | 'label'>(
  key: K,
): { readonly [N in LimitName]: (typeof LIMIT_TABLE)[N][K] } {
  const out: Partial<Record<LimitName, unknown>> = {};
  for (const name of Object.keys(LIMIT_TABLE) as LimitName[]) out[name] = LIMIT_TABLE[name][key];
  return Object.freeze(out) as { readonly [N in LimitName]: (typeof LIMIT_TABLE)[N][K] };
}

/** Each limit's size: `SMTP_LIMITS.commandLine === 512`. */
export const SMTP_LIMITS = view('max');

/** The RFC 5321 section that defines each limit, for error messages and reports. */
export const LIMIT_SECTIONS = view('section');

const LIMIT_LABELS = view('label');

/** Length of `text` in octets once encoded as UTF-8 (limits count octets, not characters). */
export function octetLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** A limit check that failed: which limit, its maximum and the measured size. */
export interface LimitExcess {
  limit: LimitName;
  max: number;
  actual: number;
}

/** Checks `text` against one octet limit; `undefined` when it fits. */
export function checkOctetLimit(limit: LimitName, text: string): LimitExcess | undefined {
  const max = SMTP_LIMITS[limit];
  const actual = octetLength(text);
  return actual > max ? { limit, max, actual } : undefined;
}

/** One-line description of an excess, e.g. `local-part is 70 octets, limit 64 (RFC 5321 §4.5.3.1.1)`. */
export function describeLimitExcess(excess: LimitExcess): string {
  const label = LIMIT_LABELS[excess.limit];
  return `${label} is ${excess.actual} octets, limit ${excess.max} (RFC 5321 §${LIMIT_SECTIONS[excess.limit]})`;
}
