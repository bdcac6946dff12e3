/**
 * Reading one reply inside a case and judging it through harness/judge/: codes and role,
 * enhanced code, a defensive close after hostile input, and a failed read (timeout, close,
 * garbage) as a verdict. Every reply is also shown to the observers, which judge its form.
 */

import { judgeDefensiveClose } from '../judge/defence.ts';
import type { CaseEnd, Finding } from '../judge/grading.ts';
import { type ObservedReply, observe } from '../judge/observers.ts';
import { type FailedReadKind, judgeFailedRead } from '../judge/read-failure.ts';
import { expectedOutcomes, type JudgeContext, judgeReply } from '../judge/reply-codes.ts';
import { replyTextOptions } from '../judge/reply-form.ts';
import type { ReplyExpectation } from '../scenario/types.ts';
import { type Reply, replyText } from '../wire/reply.ts';
import { allowedReplies, type TableVerb } from '../wire/reply-table.ts';
import type { CaseState, StepOutcome } from './case-state.ts';

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
    ...(state.hostile ? { afterHostile: true } : {}),
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
  const defence = await defensiveClose(state, reply, expect, ctx);
  if (defence) return { end: defence };
  const end = judgeRead(state, reply, expect, spec, ctx);
  return end === undefined ? { reply } : { end };
}

/** How long a refusal of hostile input may take to be followed by the close. */
const DEFENCE_CLOSE_MS = 1000;

/**
 * After hostile input, a refusal the step did not expect (or that would skip a set-up
 * step) may be the first half of a defence: if the server closes the connection right
 * after it, that is RFC 5321 §7.8, not a violation (harness/judge/defence.ts). Otherwise
 * the reply is judged as usual.
 */
export async function defensiveClose(
  state: CaseState,
  reply: Reply,
  expect: ReplyExpectation | undefined,
  ctx: JudgeContext,
): Promise<CaseEnd | undefined> {
  if (!state.hostile || reply.code < 400) return undefined;
  const kind = judgeReply(reply, expect, ctx).kind;
  if (kind !== 'finding' && kind !== 'skip') return undefined;
  const how = await state.session.endsWithin(Math.min(DEFENCE_CLOSE_MS, state.stepTimeoutMs));
  if (how === undefined) return undefined;
  state.serverGone = true;
  const lastReply = { code: reply.code, text: replyText(reply) };
  state.hostile.lastReply = lastReply;
  observeReply(state, ctx.table?.verb, ctx.what, reply);
  return judgeDefensiveClose({ lastReply, how });
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
  const submission = state.submissions.at(-1);
  if (spec.verb === 'END-OF-DATA' && submission !== undefined) {
    submission.endCode = reply.code;
    submission.acceptedAt = Date.now();
  }
  state.lastReply = replyText(reply, 120);
  if (state.hostile) state.hostile.lastReply = { code: reply.code, text: replyText(reply) };
  // The reply's form is the observers' business, reported under their own rules.
  observeReply(state, spec.verb, spec.what, reply);
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

/** Shows a reply to the observers, with what the session knows at this point. */
export function observeReply(
  state: CaseState,
  answered: TableVerb | undefined,
  what: string,
  reply: Reply,
): void {
  const observed: ObservedReply = {
    answered,
    what,
    reply,
    keywords: state.keywords,
    params: state.ehloParams,
    command: answered === 'CONNECT' ? '' : state.lastLabel,
    ehloSeen: state.ehloSeen,
    tls: state.tls,
    text: replyTextOptions(state, answered, reply.code),
  };
  observe(observed, state.observations);
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

/** Failed reads after which the run checks that the target still accepts connections. */
const SERVER_GONE: ReadonlySet<FailedReadKind> = new Set(['closed', 'reset', 'silence']);

/** The end of the case when a read fails (judged in harness/judge/read-failure.ts). */
export function readFailure(
  err: unknown,
  expected: string[],
  state: CaseState,
  spec: Pick<ReplySpec, 'what' | 'isGreeting'>,
): CaseEnd {
  const judged = judgeFailedRead(err, {
    what: spec.what,
    expected,
    level: state.scenario.level,
    ...(spec.isGreeting ? { isGreeting: true } : {}),
    ...(state.lastReply === undefined ? {} : { lastReply: state.lastReply }),
  });
  const how = judged.failed.kind;
  if (state.hostile && (how === 'closed' || how === 'reset') && !spec.isGreeting) {
    // After hostile input a close is a defence (RFC 5321 §7.8), not a §3.8 violation.
    state.serverGone = true;
    return judgeDefensiveClose({ ...state.hostile, how });
  }
  if (SERVER_GONE.has(how)) state.serverGone = true;
  if (judged.kind === 'error') return { verdict: 'error', message: judged.message };
  state.findings.push(judged.finding);
  return { ...endOf(judged.finding), verdict: judged.finding.grade };
}
