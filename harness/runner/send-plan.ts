/**
 * What a run will send, said in one line before it starts against a server that is not on
 * this machine: the people who operate it may see mail and probes arrive, and the person
 * running smtpspec should know what they are about to do to it.
 */

import { isIP } from 'node:net';
import type { TemplateValues } from '../scenario/templates.ts';
import { templateNamesUsed } from '../scenario/templates.ts';
import type { Scenario, Step } from '../scenario/types.ts';

/** Counts of what the selected cases send. */
export interface SendPlan {
  cases: number;
  /** Message contents sent (DATA content, raw bytes inside DATA, BDAT ... LAST). */
  messages: number;
  /** Cases that address a recipient in the foreign domain (open-relay probes). */
  relayProbes: number;
  /** Cases that send SMTP smuggling look-alikes inside mail data. */
  smugglingProbes: number;
  /** Cases that pipeline plaintext commands behind STARTTLS (RFC 3207 §4.2). */
  injectionProbes: number;
}

const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * True when `host` is this machine: 127.0.0.0/8, ::1 (also IPv4-mapped), `localhost` and
 * names under `.localhost` (RFC 6761 §6.3). Any other name counts as remote: it is not
 * looked up, so nothing leaves the machine to decide.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return LOOPBACK_V4.test(h);
  if (isIP(h) === 6) {
    if (h === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(h)) return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    return mapped !== null && LOOPBACK_V4.test(mapped[1] ?? '');
  }
  return false;
}

/** Message contents one step sends; `inData` is true between DATA's 354 and the end. */
function contentSteps(steps: readonly Step[]): number {
  let count = 0;
  let inData = false;
  for (const step of steps) {
    if (step.kind === 'message') {
      count += 1;
      inData = false;
    } else if (step.kind === 'send') {
      if (/^BDAT\s.*\bLAST\b/i.test(step.line)) count += 1;
      inData = /^DATA$/i.test(step.line.trim());
    } else if (step.kind === 'pipeline') {
      inData = /^DATA$/i.test(step.lines.at(-1)?.trim() ?? '');
    } else if (step.kind === 'sendRaw') {
      const text = step.bytes ?? step.parts?.join('') ?? '';
      if (inData || /^BDAT\s[^\r\n]*\bLAST\b/i.test(text)) count += 1;
      inData = false;
    }
  }
  return count;
}

/** What `scenarios` send; slow cases count only when the run includes them. */
export function sendPlanOf(scenarios: readonly Scenario[], slow: boolean): SendPlan {
  const plan: SendPlan = {
    cases: 0,
    messages: 0,
    relayProbes: 0,
    smugglingProbes: 0,
    injectionProbes: 0,
  };
  for (const s of scenarios) {
    if (s.slow === true && !slow) continue;
    plan.cases += 1;
    plan.messages += contentSteps(s.steps);
    const names = templateNamesUsed(s);
    if (names.includes('foreign') || names.includes('foreignDomain')) plan.relayProbes += 1;
    const injection = s.steps.some((step) => step.kind === 'startTls' && step.pipelined);
    if (injection) plan.injectionProbes += 1;
    else if (s.exploitability !== undefined) plan.smugglingProbes += 1;
  }
  return plan;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * One line: `mx.example.test:25 is not on this machine: the run sends up to 57 messages to
 * alice@example.test and bob@example.test, 12 relay probes to foreign.smtpspec.example, 11
 * SMTP smuggling probes and 4 STARTTLS injection probes (243 cases)`.
 */
export function describeSendPlan(
  scenarios: readonly Scenario[],
  values: TemplateValues,
  address: string,
  slow = false,
): string {
  const plan = sendPlanOf(scenarios, slow);
  const recipients = [...new Set([values.rcpt, values.rcpt2])].join(' and ');
  const parts = [
    `up to ${plural(plan.messages, 'message')} to ${recipients}`,
    `${plural(plan.relayProbes, 'relay probe')} to ${values.foreignDomain}`,
    `${plural(plan.smugglingProbes, 'SMTP smuggling probe')}`,
  ];
  const last = `${plural(plan.injectionProbes, 'STARTTLS injection probe')}`;
  return `${address} is not on this machine: the run sends ${parts.join(', ')} and ${last} (${plural(plan.cases, 'case')})`;
}
