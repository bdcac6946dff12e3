/**
 * Reply-code sets and builders shared by the argument-grammar and limit families (RFC 5321
 * §4.1.2, §4.1.3, §4.5.3.1). A form the grammar allows may still be refused for policy;
 * what it must not get is a syntax or "too long" error. Files starting with `_` are
 * helpers, not suite files.
 */
import type { CodePattern, ReplyExpectation } from '../../harness/scenario/types.ts';

/** The MAIL row of §4.3.2 without 500, 501, 553 and 555 (syntax, "not allowed", parameters). */
export const MAIL_NOT_SYNTAX: CodePattern[] = [250, 451, 452, 455, 550, 552];

/**
 * The RCPT row of §4.3.2 without 500, 501 (syntax) and 503, 555 (not applicable), plus 554,
 * which servers use to refuse relaying (a policy refusal, not a syntax error).
 */
export const RCPT_NOT_SYNTAX: CodePattern[] = [250, 251, 450, 451, 452, 550, 551, 552, 553, 554];

/**
 * A path outside the grammar: 501 (§4.1.2, §4.1.4) or 553, "mailbox name not allowed (e.g.,
 * mailbox syntax incorrect)" (§4.2.2), which servers use for bad paths as often.
 */
export const SYNTAX_ERROR: CodePattern[] = [501, 553];

/** Control octets: §2.4 suggests "500 syntax error - invalid character" too. */
export const INVALID_CHARACTER: CodePattern[] = [500, 501, 553];

/** A MAIL or RCPT parameter the server does not take: 555 (§4.1.1.11), 501 or 504. */
export const PARAMETER_REFUSED: CodePattern[] = [555, 501, 504];

/** Throws unless `text` is exactly `octets` long: lengths are the point of a limit case. */
export function exactly(text: string, octets: number): string {
  if (Buffer.byteLength(text, 'latin1') !== octets) {
    throw new Error(`limit case: ${octets} octets wanted, got ${text.length}`);
  }
  return text;
}

/** A dot-atom local part of `octets` octets: `smtpspec-` then `x` filler. */
export function localPart(octets: number): string {
  return exactly(`smtpspec-${'x'.repeat(octets - 9)}`, octets);
}

/**
 * A domain name of `octets` characters under `.example` (RFC 2606), in labels of at most 63
 * octets (RFC 1035 §2.3.4), none starting or ending with "-".
 */
export function domainName(octets: number): string {
  const suffix = '.example';
  // The label octets and the dots between them; ends at -1 (no dot after the last label).
  let rest = octets - suffix.length;
  const labels: string[] = [];
  while (rest > 0) {
    // 62 where 63 would leave a remainder of 0: an empty last label.
    const size = rest <= 63 ? rest : rest === 64 ? 62 : 63;
    labels.push(String.fromCharCode(97 + (labels.length % 26)).repeat(size));
    rest -= size + 1;
  }
  return exactly(`${labels.join('.')}${suffix}`, octets);
}

/** `{ codes, because }`. */
export function expecting(codes: CodePattern[], because: string): ReplyExpectation {
  return { codes, because };
}
