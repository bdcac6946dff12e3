/**
 * What a failed read says about the server: the one classification of "no reply came"
 * (silence, a close, a reset, bytes that are no reply, a reply too large to hold) with the
 * RFC rule each breaks. The runner and the fuzz oracles both start from it, so a failure
 * cites the same section whichever of them saw it.
 */
import { describeError, ERROR_CODES, hasErrorCode, SmtpHarnessError } from '../errors.ts';
import type { Level } from '../scenario/types.ts';
import { type Finding, gradeOf, milder } from './grading.ts';

/**
 * - `silence`: no reply within the timeout (design.md: a server that never answers fails).
 * - `closed`, `reset`: the connection ended while a reply was due (RFC 5321 §3.8).
 * - `malformed`: bytes that cannot be read as a reply (RFC 5321 §4.2).
 * - `oversized`: a reply line or reply past the client's caps (RFC 5321 §4.5.3.1.5).
 * - `harness`: our own fault or an error we cannot attribute to the server.
 */
export type FailedReadKind = 'silence' | 'closed' | 'reset' | 'malformed' | 'oversized' | 'harness';

/** A classified failed read. */
export interface FailedRead {
  kind: FailedReadKind;
  /** What happened, one line: `connection closed by the server without a reply`. */
  actual: string;
  /** The rule the server broke, e.g. `RFC 5321 §3.8`; none for silence and harness faults. */
  rule?: string;
}

/**
 * RFC 5321 §3.8: a server closes only after a 421 or QUIT's 221; §4.2: a reply is a code,
 * a separator and text, CRLF-terminated; §4.5.3.1.5: a reply line is at most 512 octets.
 */
const RULES: Readonly<Record<Exclude<FailedReadKind, 'silence' | 'harness'>, string>> = {
  closed: 'RFC 5321 §3.8',
  reset: 'RFC 5321 §3.8',
  malformed: 'RFC 5321 §4.2',
  oversized: 'RFC 5321 §4.5.3.1.5',
};

/** Classifies the error of a read (or a write) that produced no reply. */
export function classifyReadFailure(err: unknown): FailedRead {
  if (!(err instanceof SmtpHarnessError)) {
    return { kind: 'harness', actual: `internal error: ${describeError(err)}` };
  }
  if (hasErrorCode(err, ERROR_CODES.timeout))
    return { kind: 'silence', actual: describeError(err) };
  if (hasErrorCode(err, ERROR_CODES.closed) || hasErrorCode(err, ERROR_CODES.reset)) {
    const kind = hasErrorCode(err, ERROR_CODES.reset) ? 'reset' : 'closed';
    return {
      kind,
      actual: `connection ${kind} by the server without a reply`,
      rule: RULES[kind],
    };
  }
  if (hasErrorCode(err, ERROR_CODES.malformedReply)) {
    return { kind: 'malformed', actual: describeError(err), rule: RULES.malformed };
  }
  if (hasErrorCode(err, ERROR_CODES.lineTooLong) || hasErrorCode(err, ERROR_CODES.replyTooLarge)) {
    return { kind: 'oversized', actual: describeError(err), rule: RULES.oversized };
  }
  return { kind: 'harness', actual: describeError(err) };
}

/** `actual`, followed by the rule in parentheses when there is one. */
export function citedActual(failed: FailedRead): string {
  return failed.rule === undefined ? failed.actual : `${failed.actual} (${failed.rule})`;
}

/** What the runner knows about the read that failed. */
export interface FailedReadContext {
  /** Names the awaited reply: `reply to RCPT TO:<a@b.test>`, `greeting`. */
  what: string;
  /** The acceptable outcomes of the step, for the message and the report. */
  expected: string[];
  /** Level of the case: a close is graded by it (RFC 5321 §7.8 lets a server drop abuse). */
  level: Level;
  /** The greeting: a connection that ends before it means the case never ran. */
  isGreeting?: boolean;
  /** The last reply the case read, named in a close's message so it is not mistaken for silence. */
  lastReply?: string;
}

/** The case's verdict on a failed read: a finding that ends the case, or an error. */
export type FailedReadJudgement = (
  | { kind: 'finding'; finding: Finding }
  | { kind: 'error'; message: string }
) & { failed: FailedRead };

/**
 * Judges a failed read inside a case. A server that never answers fails (design.md); one
 * that closes without a reply breaks RFC 5321 §3.8, graded by the case level; garbage
 * breaks §4.2, an oversized reply the SHOULD of §4.5.3.1 (so at most `warn`); our own
 * faults are `error`.
 */
export function judgeFailedRead(err: unknown, ctx: FailedReadContext): FailedReadJudgement {
  const failed = classifyReadFailure(err);
  const { what, expected } = ctx;
  if (failed.kind === 'harness') {
    return { kind: 'error', message: `${what}: ${failed.actual}`, failed };
  }
  if (ctx.isGreeting && (failed.kind === 'closed' || failed.kind === 'reset')) {
    return { kind: 'error', message: `${what}: ${failed.actual}`, failed };
  }
  const want = expected.length > 0 ? `expected ${expected.join(' or ')}, got ` : '';
  const closing = failed.kind === 'closed' || failed.kind === 'reset';
  // RFC 5321 §4.5.3.1: "Objects larger than these sizes SHOULD be avoided": a reply too
  // long to read breaks a SHOULD, whatever the case was about, and leaves it unjudged.
  const oversized = failed.kind === 'oversized';
  const after = closing && ctx.lastReply !== undefined ? ` (after ${ctx.lastReply})` : '';
  return {
    kind: 'finding',
    finding: {
      grade: closing ? gradeOf(ctx.level) : oversized ? milder(gradeOf(ctx.level), 'warn') : 'fail',
      message: `${what}: ${want}${citedActual(failed)}${after}`,
      ...(expected.length > 0 ? { expected } : {}),
      actual: failed.actual,
    },
    failed,
  };
}
