/**
 * Reading one reply inside a case and judging it: form (RFC 5321 §4.2), codes and role,
 * enhanced code; and turning a failed read (timeout, close, garbage) into a verdict.
 */
import { describeError, ERROR_CODES, hasErrorCode, SmtpHarnessError } from '../errors.ts';
import type { ReplyExpectation } from '../scenario/types.ts';
import type { Reply } from '../wire/reply.ts';
import { allowedReplies, type TableVerb } from '../wire/reply-table.ts';
import { type CaseState, replyTextOptions, type StepOutcome } from './case-state.ts';
import { type CaseEnd, type Finding, gradeOf } from './grading.ts';
import { expectedOutcomes, type JudgeContext, judgeReply } from './judge.ts';
import { formFinding } from './reply-form.ts';

/** Describes the reply about to be read. */
export interface ReplySpec {
  /** `reply to RCPT TO:<a@b.test>`, `greeting`. */
  what: string;
  setupLabel: string;
  verb: TableVerb | undefined;
  defaultRole: 'setup' | 'check';
  /** The greeting: a connection that ends before it means the case never ran. */
  isGreeting?: boolean;
}

/** A reply that may go on, or the end of the case. */
export type ReadResult = { reply: Reply; end?: undefined } | { reply?: undefined; end: CaseEnd };

/** Builds the judge context for `spec` in this session. */
export function judgeContext(state: CaseState, spec: ReplySpec): JudgeContext {
  return {
    what: spec.what,
    setupLabel: spec.setupLabel,
    table: spec.verb === undefined ? undefined : allowedReplies(spec.verb, state.keywords),
    defaultRole: spec.defaultRole,
    level: state.scenario.level,
    enhancedAdvertised: state.keywords.has('ENHANCEDSTATUSCODES'),
  };
}

/** Reads one reply and judges it; returns the reply, or how the case ends. */
export async function readJudged(
  state: CaseState,
  expect: ReplyExpectation | undefined,
  spec: ReplySpec,
): Promise<ReadResult> {
  const ctx = judgeContext(state, spec);
  let reply: Reply;
  try {
    reply = await state.session.readReply({ what: spec.what, timeoutMs: state.stepTimeoutMs });
  } catch (err) {
    return { end: readFailure(err, expectedOutcomes(expect, ctx), state, spec) };
  }
  const end = judgeRead(state, reply, expect, spec, ctx);
  return end === undefined ? { reply } : { end };
}

/** Judges a reply already read (STARTTLS reads its own); records findings in `state`. */
export function judgeRead(
  state: CaseState,
  reply: Reply,
  expect: ReplyExpectation | undefined,
  spec: ReplySpec,
  ctx: JudgeContext = judgeContext(state, spec),
): StepOutcome {
  // Any reply ends mail data; only a 354 to DATA starts it (RFC 5321 §4.1.1.4).
  state.inData = spec.verb === 'DATA' && reply.code === 354;
  const form = formFinding(reply, spec.what, replyTextOptions(state, spec.verb, reply.code));
  if (form && addFinding(state, form)) return endOf(form);
  const judgement = judgeReply(reply, expect, ctx);
  switch (judgement.kind) {
    case 'ok':
      return undefined;
    case 'finding':
      return addFinding(state, judgement.finding) ? endOf(judgement.finding) : undefined;
    case 'skip':
      return { verdict: 'skip', message: judgement.message };
    case 'end':
      return { verdict: judgement.verdict, message: judgement.message };
    case 'error':
      return { verdict: 'error', message: judgement.message };
  }
}

/** Records a finding; true when it must end the case (a `fail`). */
export function addFinding(state: CaseState, finding: Finding): boolean {
  state.findings.push(finding);
  return finding.grade === 'fail';
}

function endOf(finding: Finding): CaseEnd {
  return { verdict: 'fail', message: finding.message, ...detail(finding) };
}

function detail(f: Pick<Finding, 'expected' | 'actual'>): Pick<CaseEnd, 'expected' | 'actual'> {
  return {
    ...(f.expected && f.expected.length > 0 ? { expected: f.expected } : {}),
    ...(f.actual === undefined ? {} : { actual: f.actual }),
  };
}

/**
 * The verdict when a read fails. A server that never answers fails (design.md); one that
 * closes without a reply breaks RFC 5321 §3.8 (graded by the case level, since §7.8 lets a
 * server drop an abusive client); garbage breaks §4.2; our own faults are `error`.
 */
export function readFailure(
  err: unknown,
  expected: string[],
  state: CaseState,
  spec: Pick<ReplySpec, 'what' | 'isGreeting'>,
): CaseEnd {
  const what = spec.what;
  const want = expected.length > 0 ? `expected ${expected.join(' or ')}, got ` : '';
  if (!(err instanceof SmtpHarnessError)) {
    return { verdict: 'error', message: `${what}: internal error: ${describeError(err)}` };
  }
  if (hasErrorCode(err, ERROR_CODES.timeout)) {
    const actual = describeError(err);
    return {
      verdict: 'fail',
      message: `${what}: ${want}${actual}`,
      ...detail({ expected, actual }),
    };
  }
  if (hasErrorCode(err, ERROR_CODES.closed) || hasErrorCode(err, ERROR_CODES.reset)) {
    const how = hasErrorCode(err, ERROR_CODES.reset) ? 'reset' : 'closed';
    const actual = `connection ${how} by the server without a reply`;
    if (spec.isGreeting) return { verdict: 'error', message: `${what}: ${actual}` };
    const finding: Finding = {
      grade: gradeOf(state.scenario.level),
      message: `${what}: ${want}${actual} (RFC 5321 §3.8)`,
      ...detail({ expected, actual }),
    };
    state.findings.push(finding);
    return { ...endOf(finding), verdict: finding.grade };
  }
  return readProtocolFailure(err, what, want, expected);
}

const PROTOCOL_RULES: ReadonlyMap<string, string> = new Map([
  [ERROR_CODES.malformedReply, 'RFC 5321 §4.2'],
  [ERROR_CODES.lineTooLong, 'RFC 5321 §4.5.3.1.5'],
  [ERROR_CODES.replyTooLarge, 'RFC 5321 §4.5.3.1.5'],
]);

function readProtocolFailure(
  err: SmtpHarnessError,
  what: string,
  want: string,
  expected: string[],
): CaseEnd {
  const rule = PROTOCOL_RULES.get(err.code);
  const actual = describeError(err);
  if (rule === undefined) return { verdict: 'error', message: `${what}: ${actual}` };
  return {
    verdict: 'fail',
    message: `${what}: ${want}${actual} (${rule})`,
    ...detail({ expected, actual }),
  };
}
