/**
 * The one place where a reply's form (RFC 5321 §4.2: code, separator, text, CRLF, the same
 * code on every line) becomes a finding. Every reply the runner reads passes through here,
 * whatever the step was about, and the grade follows the form rule, not the case level.
 */
import { ADVISORY_VIOLATIONS, type Reply, type ReplyViolation } from '../wire/reply.ts';
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
 * reply, e.g. `reply to RCPT TO:<a@b>`.
 */
export function formFinding(reply: Reply, what: string): Finding | undefined {
  const all = reply.violations.filter((v) => !isEmptySaslChallenge(reply, v));
  const first = all.find((v) => gradeOfViolation(v) === 'fail') ?? all[0];
  if (first === undefined) return undefined;
  const more = all.length > 1 ? ` (and ${all.length - 1} more)` : '';
  return {
    grade: gradeOfViolation(first),
    message: `${what}: malformed reply: ${first.message} (${first.rule})${more}`,
    expected: [`a reply in the form of ${first.rule}`],
    actual: visibleBytes(reply.raw.subarray(0, 200)),
  };
}
