/**
 * Enhanced mail system status codes (RFC 3463), as carried at the start of reply text when
 * a server offers ENHANCEDSTATUSCODES (RFC 2034).
 */
import { ConfigError } from '../errors.ts';

/**
 * One parsed enhanced status code. `text` is the code exactly as it appeared on the wire,
 * e.g. `"5.7.1"`; the human text after it stays in the reply's lines.
 */
export interface EnhancedStatus {
  klass: 2 | 4 | 5;
  subject: number;
  detail: number;
  text: string;
}

// RFC 3463 §2: status-code = class "." subject "." detail; class = "2"/"4"/"5";
// subject = 1*3digit; detail = 1*3digit; "Each numeric sub-code within the status-code MUST
// be expressed without leading zero digits."
const SUB_CODE = '(0|[1-9][0-9]{0,2})';
const STATUS_CODE = new RegExp(`^([245])\\.${SUB_CODE}\\.${SUB_CODE}`);
// RFC 2034 §3: the status code "is always followed by one or more spaces". Reading
// leniently, a tab or the end of the text also ends it; "2.0.0x" is not a code.
const AFTER_CODE = /^$|^[ \t]/;

/**
 * Reads an RFC 3463 status code from the start of a reply line's text (the part after the
 * reply code and separator). Returns `undefined` when the text does not start with one.
 */
export function parseEnhancedStatus(text: string): EnhancedStatus | undefined {
  const m = STATUS_CODE.exec(text);
  if (!m) return undefined;
  const [whole, klass, subject, detail] = m;
  if (!AFTER_CODE.test(text.slice(whole.length))) return undefined;
  return {
    klass: Number(klass) as 2 | 4 | 5,
    subject: Number(subject),
    detail: Number(detail),
    text: whole,
  };
}

/** True when `text` is exactly one well-formed RFC 3463 status code, nothing around it. */
export function isEnhancedStatusCode(text: string): boolean {
  const status = parseEnhancedStatus(text);
  return status !== undefined && status.text === text;
}

/** `class.subject.detail` in canonical form (no leading zeros). */
export function formatEnhancedStatus(
  status: Pick<EnhancedStatus, 'klass' | 'subject' | 'detail'>,
): string {
  return `${status.klass}.${status.subject}.${status.detail}`;
}

const PATTERN_PART = /^(x|X|0|[1-9][0-9]{0,2})$/;

/**
 * Matches a status against a pattern of three dot-separated parts, each a number or `x`
 * (any): `'5.1.x'`, `'x.7.1'`, `'2.0.0'`. A malformed pattern is a scenario error and
 * throws `ConfigError` (code `SMTPSPEC_ERR_CONFIG`).
 */
export function matchesEnhancedPattern(status: EnhancedStatus, pattern: string): boolean {
  const parts = pattern.split('.');
  if (parts.length !== 3 || !parts.every((p) => PATTERN_PART.test(p))) {
    throw new ConfigError(
      `'${pattern}' is not an enhanced status pattern like '5.1.x'`,
      'enhanced',
    );
  }
  const actual = [status.klass, status.subject, status.detail];
  return parts.every((p, i) => p === 'x' || p === 'X' || Number(p) === actual[i]);
}

/**
 * RFC 2034 §4 checks of one reply from a server that advertised ENHANCEDSTATUSCODES, as
 * one-line messages naming the rule (empty when conformant). Call it only for replies the
 * rule covers: not the greeting and not the reply to HELO or EHLO.
 */
export function enhancedCodeIssues(reply: { code: number; lines: readonly string[] }): string[] {
  const klass = Math.floor(reply.code / 100);
  // RFC 2034 §4: "Note that 3xx responses are NOT included in this list."
  if (klass !== 2 && klass !== 4 && klass !== 5) return [];
  const issues: string[] = [];
  const first = parseEnhancedStatus(reply.lines[0] ?? '');
  reply.lines.forEach((line, i) => {
    const status = parseEnhancedStatus(line);
    // RFC 2034 §4: "These codes must appear in all 2xx, 4xx, and 5xx response lines".
    if (status === undefined) {
      issues.push(
        `RFC 2034 §4: line ${i + 1} of the ${reply.code} reply has no enhanced status code`,
      );
    } else if (status.klass !== klass) {
      // RFC 2034 §4: "a 2xx response must incorporate a 2.X.X code" (and so on).
      issues.push(`RFC 2034 §4: ${status.text} on line ${i + 1} does not agree with ${reply.code}`);
    } else if (first !== undefined && status.text !== first.text) {
      // RFC 2034 §4: "the same status code must appear at the beginning of the text in each
      // line of the response".
      issues.push(`RFC 2034 §4: line ${i + 1} has ${status.text}, line 1 has ${first.text}`);
    }
  });
  return issues;
}
