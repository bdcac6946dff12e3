/**
 * Runs one case on a fresh connection: preconditions, connect, implicit greeting, steps
 * under a per-case deadline, then the verdict with what was expected and what came back.
 */
import { SmtpClientSession } from '../client/session.ts';
import { describeError } from '../errors.ts';
import { type CaseEnd, worstFinding } from '../judge/grading.ts';
import type { Observation } from '../judge/observers.ts';
import {
  type TemplateName,
  type TemplateValues,
  templateNamesUsed,
} from '../scenario/templates.ts';
import type { ObserverName, Scenario, Step } from '../scenario/types.ts';
import { Transcript } from '../transcript/transcript.ts';
import type { CaseState, RelayCaseContext } from './case-state.ts';
import { closeConnections } from './connection-step.ts';
import { type RelayRun, relayPrecondition, withRelayCase } from './relay-case.ts';
import { runStep } from './steps.ts';
import type { TargetAddress } from './target.ts';

/** Everything a case needs from the run. */
export interface CaseEnvironment {
  target: TargetAddress;
  /** `host:port` as reported. */
  address: string;
  tls: 'none' | 'implicit';
  values: TemplateValues;
  /** EHLO keywords of the run-start probe, upper case, for preconditions. */
  probeKeywords: ReadonlySet<string>;
  /** The profile has AUTH credentials (for the `credentials` precondition). */
  hasCredentials?: boolean;
  /** Template values the run could not learn, with the reason (a case using one skips). */
  unavailable?: Partial<Record<TemplateName, string>>;
  stepTimeoutMs: number;
  /** Default per-case deadline when the scenario sets none. */
  caseTimeoutMs: number;
  /** The sink and its waits, when the run has `--relay-domain` and `--sink-listen`. */
  relay?: RelayRun;
}

/** How a case went, before it becomes a CaseResult. */
export interface CaseOutcome extends CaseEnd {
  transcript: Transcript;
  durationMs: number;
  /** True when the TCP connection (or TLS on connect) could not be set up. */
  connectFailed: boolean;
  /** The server closed, reset or went silent where a reply was due, or the case ran out of time. */
  serverGone?: boolean;
  /** What the observers saw in this case's replies (absent when the case never connected). */
  observations?: Map<ObserverName, Observation>;
}

const IMPLICIT_GREETING: Step = { kind: 'greeting' };

/** Why the case cannot run against this target, or undefined when it can. */
export function unmetPrecondition(
  scenario: Scenario,
  keywords: ReadonlySet<string>,
  hasCredentials = false,
  unavailable: Partial<Record<TemplateName, string>> = {},
) {
  const missing = (scenario.preconditions?.ehlo ?? []).filter(
    (k) => !keywords.has(k.toUpperCase()),
  );
  if (missing.length > 0) {
    const list = missing.map((k) => k.toUpperCase()).join(', ');
    return `precondition: EHLO keyword${missing.length > 1 ? 's' : ''} ${list} not advertised`;
  }
  if (scenario.preconditions?.tls === true && !keywords.has('STARTTLS')) {
    return 'precondition: the target does not offer TLS (no STARTTLS in EHLO)';
  }
  if (scenario.preconditions?.credentials === true && !hasCredentials) {
    return 'precondition: no AUTH credentials (give --auth-user and --auth-pass)';
  }
  for (const name of templateNamesUsed(scenario)) {
    const reason = unavailable[name];
    if (reason !== undefined) return `precondition: the case uses {{${name}}}: ${reason}`;
  }
  return undefined;
}

/** Runs `scenario` once; never throws. */
export async function runCase(scenario: Scenario, env: CaseEnvironment): Promise<CaseOutcome> {
  const started = performance.now();
  const transcript = new Transcript({ label: scenario.id, target: env.address });
  const done = (end: CaseEnd, connectFailed = false): CaseOutcome => ({
    ...end,
    transcript,
    durationMs: Math.round(performance.now() - started),
    connectFailed,
  });
  const unmet =
    relayPrecondition(scenario, env.relay) ??
    unmetPrecondition(scenario, env.probeKeywords, env.hasCredentials, env.unavailable);
  if (unmet) {
    transcript.note(`not run: ${unmet}`);
    return done({ verdict: 'skip', message: unmet });
  }
  if (scenario.relay === undefined || env.relay === undefined) {
    return runSession(scenario, env, env.values, transcript, done);
  }
  return withRelayCase(scenario, env.relay, env.values, transcript, (values, relay) =>
    runSession(scenario, env, values, transcript, done, relay),
  );
}

/** Connects, runs the steps under the deadline, and judges. */
async function runSession(
  scenario: Scenario,
  env: CaseEnvironment,
  values: CaseEnvironment['values'],
  transcript: Transcript,
  done: (end: CaseEnd, connectFailed?: boolean) => CaseOutcome,
  relay?: RelayCaseContext,
): Promise<CaseOutcome> {
  // Every connection of the case goes to the same target and into the same transcript.
  const openConnection = () =>
    SmtpClientSession.connect({
      host: env.target.host,
      port: env.target.port,
      tls: env.tls,
      connectTimeoutMs: env.stepTimeoutMs,
      replyTimeoutMs: env.stepTimeoutMs,
      transcript,
    });
  let session: SmtpClientSession;
  try {
    session = await openConnection();
  } catch (err) {
    return done({ verdict: 'error', message: `cannot run: ${describeError(err)}` }, true);
  }
  const state: CaseState = {
    scenario,
    session,
    values,
    stepTimeoutMs: env.stepTimeoutMs,
    keywords: new Set(),
    ehloParams: new Map(),
    inData: false,
    lastVerb: undefined,
    lastLabel: '',
    findings: [],
    tls: env.tls === 'implicit',
    ehloSeen: false,
    observations: new Map(),
    openConnection,
    submissions: [],
    ...(relay === undefined ? {} : { relay }),
  };
  const base = scenario.timeoutMs ?? env.caseTimeoutMs;
  // A relay-through case also waits for the target's next hop, its retries and notifications.
  const deadline = relay === undefined ? base : base + 2 * relay.timeoutMs + (relay.retryMs ?? 0);
  const end = await withDeadline(runSteps(state), deadline, state);
  await closeConnections(state);
  const outcome = { ...done(verdictOf(state, end)), observations: state.observations };
  return state.serverGone === true ? { ...outcome, serverGone: true } : outcome;
}

async function runSteps(state: CaseState): Promise<CaseEnd | undefined> {
  const steps = state.scenario.steps;
  // A scenario with a greeting step reads it there, possibly after talking first (an early
  // talker, validate-steps.ts `checkGreetingPlace`); otherwise the greeting comes first.
  const all = steps.some((s) => s.kind === 'greeting') ? steps : [IMPLICIT_GREETING, ...steps];
  for (const step of all) {
    const end = await runStep(state, step);
    if (end) return end;
  }
  return undefined;
}

/**
 * Races the steps against the per-case deadline. On expiry the session is closed, which
 * ends any pending read; the case is an `error` because it could not be judged in time.
 */
async function withDeadline(
  steps: Promise<CaseEnd | undefined>,
  ms: number,
  state: CaseState,
): Promise<CaseEnd | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const guarded = steps.catch(
    (err: unknown): CaseEnd => ({
      verdict: 'error',
      message: `internal error: ${describeError(err)} (this is a bug in smtpspec)`,
    }),
  );
  const deadline = new Promise<CaseEnd>((resolve) => {
    timer = setTimeout(() => {
      state.session.transcript.note(`case timeout: ${ms} ms elapsed`);
      // A case that runs out of time may have wedged the server: the run checks it.
      state.serverGone = true;
      void closeConnections(state);
      resolve({ verdict: 'error', message: `case did not finish within ${ms} ms (case timeout)` });
    }, ms);
  });
  try {
    return await Promise.race([guarded, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The case verdict: a fail, skip or error that ended the case stands; otherwise the worst
 * finding, or `pass`. A skip or an early 421 after a SHOULD/MAY finding keeps the finding.
 */
function verdictOf(state: CaseState, end: CaseEnd | undefined): CaseEnd {
  const worst = worstFinding(state.findings);
  if (end && (end.verdict === 'fail' || end.verdict === 'error')) return end;
  if (worst) {
    const { grade, ...rest } = worst;
    return { verdict: grade, ...rest };
  }
  if (end) return end;
  return { verdict: 'pass', message: 'as expected' };
}
