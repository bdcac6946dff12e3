/**
 * Running a policy hook and turning its decision into the session's reply. A hook that
 * throws or returns a malformed decision costs the client a `451 4.3.0`, never a crash or
 * a reply outside the RFC 5321 §4.2 grammar.
 */
import { describeError } from '../../harness/errors.ts';
import { checkDecision, type Decision } from '../policy/hooks.ts';
import type { SessionContext } from './context.ts';
import { safeText } from './replies.ts';

const LOCAL_ERROR_TEXT = 'Requested action aborted: local error in processing';

/** Calls a hook; a throw becomes a tempfail decision (logged). */
export async function runHook(
  s: SessionContext,
  name: string,
  call: () => Promise<Decision>,
): Promise<Decision> {
  try {
    const decision = await call();
    const problem = checkDecision(decision);
    if (problem === undefined) return decision;
    s.log('error', 'hook.bad-decision', { hook: name, problem });
  } catch (err) {
    s.log('error', 'hook.failed', { hook: name, error: describeError(err) });
  }
  return { kind: 'tempfail', code: 451, enhanced: '4.3.0', text: LOCAL_ERROR_TEXT };
}

/**
 * Sends the reply for a non-accept decision (closing with it when `disconnect`); returns
 * true when the decision is `accept` and the caller should go on.
 */
export function applyDecision(s: SessionContext, decision: Decision): boolean {
  if (decision.kind === 'accept') return true;
  const spec = { code: decision.code, enhanced: decision.enhanced, text: safeText(decision.text) };
  if (decision.disconnect) s.closeWith(spec);
  else s.reply(spec);
  return false;
}
