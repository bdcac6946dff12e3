/**
 * Connection opening (RFC 5321 §3.1, §4.3.1): the greeting, early-talker detection, and
 * the refused mode that follows a 554 greeting.
 */
import type { Command } from '../../harness/wire/command.ts';
import { formatReply } from '../../harness/wire/reply.ts';
import type { SessionContext } from './context.ts';
import { applyDecision, runHook } from './decisions.ts';
import { safeText } from './replies.ts';

/** Sends the greeting (or a refusal) and sets the session state accordingly. */
export async function greet(s: SessionContext): Promise<void> {
  const { hostname, limits } = s.deps.config;
  // RFC 5321 §4.3.1: a client must wait for the greeting. With a greeting delay set,
  // input that arrives first marks an early talker: 554 and only QUIT served (§3.1).
  if (limits.greetingDelayMs > 0 && (await s.input.waitForInput(limits.greetingDelayMs))) {
    const octets = s.input.discardBuffered();
    s.log('warn', 'session.early-talker', { octets });
    s.state = 'refused';
    s.sendRaw(
      formatReply(554, `${hostname} No SMTP service here: client spoke before the greeting`),
    );
    return;
  }
  const decision = await runHook(s, 'onConnect', () => s.deps.hooks.onConnect(s.info()));
  if (decision.kind !== 'accept') {
    // RFC 5321 §3.1: a 554 greeting, then wait for QUIT; any other refusal closes at once.
    s.state = decision.code === 554 ? 'refused' : 'ready';
    if (decision.code === 554)
      s.sendRaw(formatReply(554, `${hostname} ${safeText(decision.text)}`));
    else applyDecision(s, { ...decision, disconnect: true });
    return;
  }
  s.state = 'ready';
  // RFC 5321 §4.2 / RFC 2034 §3: the greeting carries no enhanced status code.
  s.sendRaw(formatReply(220, `${hostname} ESMTP smtpspec reference MTA ready`));
}

/** RFC 5321 §3.1: after a 554 greeting, QUIT closes and every other command gets 503. */
export function answerRefused(s: SessionContext, verb: Command['verb'] | undefined): void {
  if (verb === 'QUIT') {
    s.closeWith({
      code: 221,
      enhanced: '2.0.0',
      text: `${s.deps.config.hostname} Service closing transmission channel`,
    });
    return;
  }
  s.reply({
    code: 503,
    enhanced: '5.5.1',
    text: 'Bad sequence of commands: no SMTP service here, send QUIT',
  });
}
