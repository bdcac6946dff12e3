/**
 * The `startTls` step (RFC 3207 §4): STARTTLS, judge the reply, and on 220 the handshake
 * on the same connection. Afterwards the session knows nothing of the server's extensions
 * until the next EHLO (RFC 3207 §4.2).
 */

import { describeError, ERROR_CODES, hasErrorCode } from '../errors.ts';
import { gradeOf } from '../judge/grading.ts';
import { expectedOutcomes } from '../judge/reply-codes.ts';
import { judgeTlsFailure } from '../judge/tls-failure.ts';
import type { Step } from '../scenario/types.ts';
import { type CaseState, expand, type StepOutcome } from './case-state.ts';
import {
  addFinding,
  defensiveClose,
  judgeContext,
  judgeRead,
  type ReplySpec,
  readFailure,
} from './read-reply.ts';

const SPEC: ReplySpec = {
  what: 'reply to STARTTLS',
  setupLabel: 'STARTTLS',
  verb: 'STARTTLS',
  defaultRole: 'setup',
};

/** Runs a `startTls` step. */
export async function startTlsStep(
  state: CaseState,
  step: Extract<Step, { kind: 'startTls' }>,
): Promise<StepOutcome> {
  state.lastVerb = 'STARTTLS';
  state.lastLabel = 'STARTTLS';
  // Commands pipelined behind STARTTLS are an injection attempt (RFC 3207 §4.2): a refusal
  // and a close in answer to them is a defence.
  if (step.pipelined !== undefined) state.hostile ??= {};
  let result: Awaited<ReturnType<CaseState['session']['startTls']>>;
  try {
    const pipelined =
      step.pipelined === undefined
        ? undefined
        : Buffer.from(expand(state, step.pipelined), 'latin1');
    result = await state.session.startTls({
      what: SPEC.what,
      timeoutMs: state.stepTimeoutMs,
      pipelined,
    });
  } catch (err) {
    if (hasErrorCode(err, ERROR_CODES.tls)) {
      const role = step.expect?.role ?? SPEC.defaultRole;
      return judgeTlsFailure(describeError(err), { role, level: state.scenario.level });
    }
    const expected = expectedOutcomes(step.expect, judgeContext(state, SPEC));
    return readFailure(err, expected, state, SPEC);
  }
  const defence = await defensiveClose(state, result.reply, step.expect, judgeContext(state, SPEC));
  if (defence) return defence;
  const end = judgeRead(state, result.reply, step.expect, SPEC);
  if (end || result.tls === undefined) return end;
  // RFC 3207 §4.2: "The client MUST discard any knowledge obtained from the server".
  state.keywords = new Set();
  state.ehloParams = new Map();
  state.ehloSeen = false;
  state.tls = true;
  state.inData = false;
  if (result.injected.length === 0) return undefined;
  const finding = {
    grade: gradeOf(state.scenario.level),
    message: `server sent ${result.injected.length} octet(s) after its STARTTLS 220 and before the TLS handshake (RFC 3207 §4.2)`,
    expected: ['nothing between the 220 and the TLS handshake'],
    actual: `${result.injected.length} octet(s) in plaintext`,
  };
  return addFinding(state, finding) ? { verdict: 'fail', ...finding } : undefined;
}
