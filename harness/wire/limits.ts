/**
 * RFC 5321 §4.5.3.1 size limits, in octets (or counts), and the helpers that measure
 * against them. One table so the server, client and fuzzer agree on every number.
 */

/**
 * The minimum maximums of RFC 5321 §4.5.3.1: an implementation MUST accept objects at
 * least this large; "to the maximum extent possible" it should not impose smaller ones.
 */
export const SMTP_LIMITS = {
  /** RFC 5321 §4.5.3.1.1: a local-part is at most 64 octets. */
  localPart: 64,
  /** RFC 5321 §4.5.3.1.2: a domain name or number is at most 255 octets. */
  domain: 255,
  /** RFC 5321 §4.5.3.1.3: a reverse- or forward-path is at most 256 octets, `<` and `>` included. */
  path: 256,
  /** RFC 5321 §4.5.3.1.4: a command line is at most 512 octets, the CRLF included. */
  commandLine: 512,
  /** RFC 5321 §4.5.3.1.6: a text line of message content is at most 1000 octets, CRLF included. */
  textLine: 1000,
  /** RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets, the CRLF included. */
  replyLine: 512,
  /** RFC 5321 §4.5.3.1.8: a server must buffer at least 100 recipients. */
  recipients: 100,
} as const;

/** Name of one limit in {@link SMTP_LIMITS}; errors carry it so callers pick the reply. */
export type LimitName = keyof typeof SMTP_LIMITS;

/** The RFC 5321 section that defines each limit, for error messages and reports. */
export const LIMIT_SECTIONS: Readonly<Record<LimitName, string>> = {
  localPart: '4.5.3.1.1',
  domain: '4.5.3.1.2',
  path: '4.5.3.1.3',
  commandLine: '4.5.3.1.4',
  replyLine: '4.5.3.1.5',
  textLine: '4.5.3.1.6',
  recipients: '4.5.3.1.8',
};

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

const LIMIT_LABELS: Readonly<Record<LimitName, string>> = {
  localPart: 'local-part',
  domain: 'domain',
  path: 'path',
  commandLine: 'command line',
  replyLine: 'reply line',
  textLine: 'text line',
  recipients: 'recipient count',
};
