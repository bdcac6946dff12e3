/**
 * The one place where a reply's form (RFC 5321 §4.2: code, separator, text, CRLF, the same
 * code on every line) becomes a finding. Every reply the runner reads passes through here,
 * whatever the step was about, and the grade follows the form rule, not the case level.
 */
import { ADVISORY_VIOLATIONS, type Reply, type ReplyViolation } from '../wire/reply.ts';
import type { TableVerb } from '../wire/reply-table.ts';
import { visibleBytes } from '../wire/visible.ts';
import type { Finding, Grade } from './grading.ts';

/**
 * Advisory kinds break a SHOULD (§4.2.1 "servers SHOULD send the <SP>", §4.5.3.1 "Objects
 * larger than these sizes SHOULD be avoided"): warn. Every other kind breaks a MUST of the
 * §4.2 grammar or §2.3.8 line endings: fail.
 */
function gradeOfViolation(v: ReplyViolation): Grade {
  return ADVISORY_VIOLATIONS.has(v.kind) ? 'warn' : 'fail';
}

/**
 * RFC 4954 §4: a 334 reply's text is the base64 challenge and nothing else, so a mechanism
 * with an empty challenge (PLAIN, RFC 4616) legitimately sends "334 " with no text.
 */
function isEmptySaslChallenge(reply: Reply, v: ReplyViolation): boolean {
  return reply.code === 334 && v.kind === 'missing-text';
}

/**
 * The finding for a reply's form violations, or undefined when it has none. It names the
 * first MUST violation (else the first SHOULD one) and counts the rest. `what` names the
 * reply, e.g. `reply to RCPT TO:<a@b>`. `options` carries what RFC 6531 §3.7.4 says of 8-bit
 * text in this reply: UTF-8 is dropped where it is permitted, and cited against §3.7.4
 * where the server announced SMTPUTF8 but the reply is not one of the permitted ones.
 */
export function formFinding(
  reply: Reply,
  what: string,
  options: ReplyFormOptions = {},
): Finding | undefined {
  const all = reply.violations
    .filter((v) => !isEmptySaslChallenge(reply, v))
    .filter((v) => !(options.utf8Allowed === true && isUtf8Text(reply, v)))
    .map((v) =>
      v.kind === '8bit' && options.smtputf8 === true ? smtputf8Violation(v, options) : v,
    );
  const first = all.find((v) => gradeOfViolation(v) === 'fail') ?? all[0];
  if (first === undefined) return undefined;
  const more = all.length > 1 ? ` (and ${all.length - 1} more)` : '';
  return {
    grade: gradeOfViolation(first),
    message: `${what}: malformed reply: ${first.message} (${first.rule})${more}`,
    expected: [
      first.kind === '8bit' && options.smtputf8 === true
        ? UTF8_REPLIES_EXPECTED
        : `a reply in the form of ${first.rule}`,
    ],
    actual: visibleBytes(reply.raw.subarray(0, 200)),
  };
}

/** What the session allows in reply text beyond the 7-bit text of RFC 5321 §4.2. */
export interface ReplyFormOptions {
  /** The server announced SMTPUTF8: 8-bit text then also breaks RFC 6531 §3.7.4. */
  smtputf8?: boolean;
  /**
   * RFC 6531 §3.7.4 permits UTF-8 in this reply (a 251/551 to RCPT after MAIL ... SMTPUTF8,
   * §3.7.4.1; a reply to VRFY/EXPN ... SMTPUTF8, §3.7.4.2): well-formed UTF-8 is no violation.
   */
  utf8Allowed?: boolean;
}

/**
 * RFC 6531 §3.7.4.2: "SMTPUTF8-aware SMTP servers MUST NOT include non-ASCII characters in
 * replies except in the limited cases specifically permitted in this section."
 */
const UTF8_REPLIES_EXPECTED =
  'ASCII reply text: RFC 6531 §3.7.4 permits UTF-8 only in a 251/551 to RCPT after MAIL ... SMTPUTF8 (§3.7.4.1) and in replies to VRFY/EXPN ... SMTPUTF8 (§3.7.4.2)';

/** An 8-bit violation restated against RFC 6531 §3.7.4 (still a MUST: fail). */
function smtputf8Violation(v: ReplyViolation, options: ReplyFormOptions): ReplyViolation {
  const why =
    options.utf8Allowed === true
      ? 'UTF-8 is permitted in this reply, but this text is not well-formed UTF-8'
      : 'SMTPUTF8 servers MUST NOT put non-ASCII in this reply';
  return { ...v, message: `${v.message}; ${why}`, rule: 'RFC 6531 §3.7.4, RFC 5321 §2.4' };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** An 8-bit violation on a line whose text is well-formed UTF-8 (RFC 3629). */
function isUtf8Text(reply: Reply, v: ReplyViolation): boolean {
  if (v.kind !== '8bit') return false;
  try {
    UTF8.decode(Buffer.from(reply.lines[v.line] ?? '', 'latin1'));
    return true;
  } catch {
    return false;
  }
}

/** What the session has said of SMTPUTF8 so far (see harness/runner/case-state.ts). */
export interface Smtputf8State {
  /** EHLO keywords of the session, upper case. */
  readonly keywords: ReadonlySet<string>;
  /** The MAIL of the current transaction carried the SMTPUTF8 parameter. */
  readonly mailSmtputf8?: boolean;
  /** The last command was a VRFY or EXPN with the SMTPUTF8 parameter. */
  readonly commandSmtputf8?: boolean;
}

/**
 * What RFC 6531 §3.7.4 allows in the text of a reply with `code` to `verb`. Only a server
 * that announced SMTPUTF8 may send UTF-8, and only in "the email address associated with
 * 251 and 551 reply-codes" after a MAIL with the SMTPUTF8 parameter (§3.7.4.1), and in
 * replies to a VRFY or EXPN carrying the parameter (§3.7.4.2). Elsewhere "SMTPUTF8-aware
 * SMTP servers MUST NOT include non-ASCII characters in replies" (§3.7.4.2).
 */
export function replyTextOptions(
  state: Smtputf8State,
  verb: TableVerb | undefined,
  code: number,
): ReplyFormOptions {
  const smtputf8 = state.keywords.has('SMTPUTF8');
  const changeOfAddress =
    verb === 'RCPT' && (code === 251 || code === 551) && state.mailSmtputf8 === true;
  const verifyOrExpand = (verb === 'VRFY' || verb === 'EXPN') && state.commandSmtputf8 === true;
  return { smtputf8, utf8Allowed: smtputf8 && (changeOfAddress || verifyOrExpand) };
}
