/**
 * The value rules of suite files, declared once: the JSON Schema (suite-schema.ts) and the
 * validators (validate.ts, validate-steps.ts) both read them from here.
 */
import type { Exploitability, Level, StepKind } from './types.ts';

/** `<spec>/<section>/<slug>`, e.g. `rfc5321/4.1.4/rcpt-before-mail`. */
export const SCENARIO_ID = /^[a-z0-9]+\/[0-9A-Za-z.]+\/[a-z0-9-]+$/;
/** e.g. `rfc5321/4.1.4`. */
export const GROUP_ID = /^[a-z0-9]+(\/[0-9A-Za-z.-]+)*$/;
/** e.g. `4.1.4`. */
export const SECTION = /^[0-9A-Za-z.]+$/;
/** RFC 5321 §4.1.1.1: ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"). */
export const EHLO_KEYWORD = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
/** RFC 5321 §4.1.1.1: ehlo-keyword *(SP ehlo-param), one line of an EHLO reply. */
export const EHLO_LINE = /^[A-Za-z0-9][A-Za-z0-9-]*(?: [\x21-\x7e]+)*$/;
/** RFC 5321 §4.2 textstring: printable US-ASCII and SP. */
export const REPLY_TEXT = /^[\x20-\x7e]*$/;
/** An RFC 3463 enhanced code a scripted reply carries, e.g. `4.3.0`. */
export const ENHANCED_CODE = /^[245]\.[0-9]{1,3}\.[0-9]{1,3}$/;
/** e.g. `R5321-4.1.4-a`. */
export const REQUIREMENT_ID = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
/** RFC 3463 §2: class.subject.detail; patterns may use `x` for any part. */
export const ENHANCED_PATTERN = /^[245x]\.(x|[0-9]{1,3})\.(x|[0-9]{1,3})$/;
/**
 * A reply code pattern as a string (RFC 5321 §4.2.1: three digits, the first 2 to 5); `x`
 * matches any digit. A first `x` would accept anything and so check nothing.
 */
export const CODE_PATTERN = /^[2-5][0-9x][0-9x]$/;
/** A command line for the conformant encoder: CRLF is appended by it. */
export const COMMAND_LINE = /^[^\r\n]+$/;
/** Raw bytes and message content: latin1 strings, one octet per character. */
export const OCTETS = /^[\u0000-\u00ff]*$/;

/** Longest per-case timeout a scenario may ask for (1 hour). */
export const MAX_CASE_MS = 3_600_000;
/** Longest wait a scenario may ask for in one step (10 minutes). */
export const MAX_STEP_MS = 600_000;

export const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'MAY'];
export const EXPLOITABILITY: readonly Exploitability[] = [
  'exploitable-via-relay',
  'not-exploitable-via-relay',
];
export const REPLY_ROLES = ['setup', 'control', 'check'] as const;

export const STEP_KINDS: readonly StepKind[] = [
  'greeting',
  'ehlo',
  'send',
  'sendRaw',
  'expectReply',
  'pipeline',
  'expectClose',
  'expectNoReply',
  'startTls',
  'pause',
  'message',
  'connection',
  'recipients',
  'relayed',
];

/** How messages name what a value should be. */
export const EXPECTED = {
  scenarioId: "an id like 'rfc5321/4.1.4/rcpt-before-mail'",
  groupId: "a group id like 'rfc5321/4.1.4'",
  section: "a section number like '4.1.4'",
  ehloKeyword: 'an EHLO keyword',
  ehloLine: 'an EHLO keyword line',
  ehloRequires: 'an EHLO keyword, optionally with its parameters',
  requirementId: "a requirement id like 'R5321-4.1.4-a'",
  enhanced: "an enhanced code like '5.5.x'",
  code: "a code like 250 or '5xx'",
} as const;
