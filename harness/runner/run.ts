/**
 * A whole run: probe the target, run the selected cases on a worker pool, and build the
 * RunReport with transcripts. A target that refuses connections or dies mid-run does not
 * abort the run: the remaining cases become `error` and the report is still complete.
 */
import { describeError } from '../errors.ts';
import { computeCoverage } from '../scenario/coverage.ts';
import type { CaseResult, InterruptedInfo, RunReport } from '../scenario/results.ts';
import { summarise } from '../scenario/results.ts';
import type { Requirement, Scenario } from '../scenario/types.ts';
import { transcriptToJson } from '../transcript/json.ts';
import { renderTranscript } from '../transcript/render.ts';
import { Transcript } from '../transcript/transcript.ts';
import { type CaseEnvironment, type CaseOutcome, runCase } from './case-runner.ts';
import { isObserver, RunObservations } from './observer-results.ts';
import { runPool } from './pool.ts';
import { type ProbeResult, probeTarget } from './probe.ts';
import { type ProfileFlags, REFERENCE_PROFILE, resolveProfile, serverDomainOf } from './profile.ts';
import { discoverRecipient, type RecipientDiscovery } from './recipient-discovery.ts';
import type { RelayRun } from './relay-case.ts';
import { toCaseResult } from './result.ts';
import { describeSendPlan } from './send-plan.ts';
import { formatAddress, type TargetAddress } from './target.ts';
import { greetingCheck, type TargetDown, TargetHealth } from './target-health.ts';
import { toolVersion } from './version.ts';

/** Cases run in parallel without `--concurrency`. */
export const DEFAULT_CONCURRENCY = 4;
/**
 * Cases that mostly wait for silence run in a second pool beside the first, this many times
 * as wide: against the bundled MTA, whose limits are known (100 connections), three times;
 * against another target once, so that at most twice `--concurrency` connections are open
 * (OpenSMTPD 7.x in the interop fixture stalled greetings for 5 s under 16 at once).
 */
export const QUIET_FACTOR = { builtIn: 3, target: 1 } as const;
/** Wait for one reply without `--timeout-ms`. */
export const DEFAULT_STEP_TIMEOUT_MS = 5000;
/** Per-case deadline when neither the scenario nor the run sets one. */
export const DEFAULT_CASE_TIMEOUT_MS = 30_000;
/** Consecutive connection failures after which the target counts as gone. */
export const DEFAULT_CONNECT_FAILURE_LIMIT = 3;

/** Everything a run needs: target, cases, profile and limits. */
export interface RunConfig {
  target: TargetAddress;
  tls?: 'none' | 'implicit';
  /** The target is our reference MTA: its profile defaults apply. */
  builtIn: boolean;
  /** The selected cases, in the order results should have (sorted by id). */
  scenarios: readonly Scenario[];
  register?: readonly Requirement[];
  profile?: ProfileFlags;
  concurrency?: number;
  stepTimeoutMs?: number;
  /** Default per-case deadline; a scenario's `timeoutMs` wins. */
  caseTimeoutMs?: number;
  slow?: boolean;
  strict?: boolean;
  connectFailureLimit?: number;
  /** Called as each case finishes (any order), for progress output. */
  onCaseDone?: (result: CaseResult, done: number, total: number) => void;
  /**
   * The sink the target relays `--relay-domain` to, for relay-through cases (they skip
   * without it).
   */
  relay?: RelayRun;
  /**
   * Set when the target is known to be unavailable before the run (e.g. its container did
   * not start): no probe, every case that would run becomes `error` with this reason.
   */
  unavailableReason?: string;
  /**
   * Interrupts the run (Ctrl-C): no case starts after it fires, and the run resolves at
   * once with the cases that finished; the others are left out and the report says
   * `interrupted`. Cases still running are abandoned (each is bounded by its deadline).
   */
  signal?: AbortSignal;
  /**
   * Called once before the first case when the target is not on this machine, with one
   * line saying what the run will send (harness/runner/send-plan.ts).
   */
  onSendPlan?: (line: string) => void;
}

/** Transcript texts (and JSON events) by case id, as reports/ writes them; a run renders each when it is read. */
export type TranscriptMap = Map<string, { text: string; json?: string }>;

/** A finished run: the report, its transcripts, and notes for the console. */
export interface RunOutput {
  report: RunReport;
  transcripts: TranscriptMap;
  /** Lines worth printing before the report (profile defaults, probe problems). */
  notes: string[];
  /** Set when no connection to the target could be made at run start: why not. */
  unreachable?: string;
}

/** Shared by the workers: trips after N consecutive connection failures. */
class TargetBreaker {
  readonly #limit: number;
  #consecutive = 0;
  reason: string | undefined;

  constructor(limit: number, reason?: string) {
    this.#limit = limit;
    this.reason = reason;
  }

  record(outcome: CaseOutcome): void {
    if (!outcome.connectFailed) {
      this.#consecutive = 0;
      return;
    }
    this.#consecutive += 1;
    if (this.#consecutive >= this.#limit) {
      this.reason ??= `target unavailable after ${this.#limit} consecutive connection failures (${outcome.message})`;
    }
  }
}

/** Runs the cases of `config` and returns the report; never throws for target problems. */
export async function runSuite(config: RunConfig): Promise<RunOutput> {
  const startedAt = new Date();
  const started = performance.now();
  const address = formatAddress(config.target);
  const stepTimeoutMs = config.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const aborted = config.signal?.aborted === true;
  const probe =
    config.unavailableReason ??
    (aborted
      ? 'interrupted before the run started'
      : await probeOrReason(config, address, stepTimeoutMs));
  const probed = typeof probe === 'string' ? undefined : probe;
  const serverDomain = serverDomainOf(probed?.target.greeting ?? '', config.target.host);
  const discovery = probed
    ? await discoverFor(config, probed, serverDomain, stepTimeoutMs)
    : undefined;
  const profile = resolveProfile(config.profile ?? {}, {
    builtIn: config.builtIn,
    serverDomain,
    ...(discovery?.recipient ? { discovered: discovery.recipient } : {}),
  });
  const env: CaseEnvironment = {
    target: config.target,
    address,
    tls: config.tls ?? 'none',
    values: profile.values,
    probeKeywords: probed?.keywords ?? new Set(),
    hasCredentials: profile.hasCredentials,
    unavailable: profile.unavailable,
    stepTimeoutMs,
    caseTimeoutMs: config.caseTimeoutMs ?? Math.max(DEFAULT_CASE_TIMEOUT_MS, 3 * stepTimeoutMs),
    ...(config.relay === undefined ? {} : { relay: config.relay }),
  };
  const breaker = new TargetBreaker(
    config.connectFailureLimit ?? DEFAULT_CONNECT_FAILURE_LIMIT,
    probed ? undefined : (probe as string),
  );
  const health = new TargetHealth(greetingCheck(config.target, stepTimeoutMs));
  if (probed && config.onSendPlan) {
    config.onSendPlan(
      describeSendPlan(config.scenarios, profile.values, address, config.slow === true),
    );
  }
  const results = await runCases(config, env, breaker, health);
  const interrupted = config.signal?.aborted === true;
  const report: RunReport = {
    tool: { name: 'smtpspec', version: toolVersion() },
    target: probed?.target ?? { address, greeting: '', ehlo: [] },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    summary: summarise(results.map((r) => r.result)),
    results: results.map((r) => r.result),
    coverage: computeCoverage(config.register ?? [], config.scenarios),
    options: { strict: config.strict ?? false, slow: config.slow ?? false },
    ...(health.down ? { targetDown: { ...health.down } } : {}),
    ...(interrupted ? { interrupted: interruptionOf(config) } : {}),
  };
  const notes = [
    ...(probed ? probed.notes : [probe as string]),
    ...(discovery ? [discovery.note] : []),
    ...profile.notes,
  ];
  const output: RunOutput = { report, transcripts: transcriptMap(results), notes };
  if (typeof probe === 'string' && config.unavailableReason === undefined && !aborted) {
    output.unreachable = probe;
  }
  return output;
}

function interruptionOf(config: RunConfig): InterruptedInfo {
  const reason = config.signal?.reason;
  return {
    reason: reason instanceof Error ? reason.message : String(reason ?? 'aborted'),
    selected: config.scenarios.length,
  };
}

/** The capability probe, or why the target cannot be reached at all. */
function probeOrReason(
  config: RunConfig,
  address: string,
  timeoutMs: number,
): Promise<ProbeResult | string> {
  const helo = config.profile?.helo ?? REFERENCE_PROFILE.helo;
  const tls = config.tls ?? 'none';
  return probeTarget(config.target, { address, tls, helo, timeoutMs }).catch(
    (err: unknown) => `target unavailable: ${describeError(err)}`,
  );
}

/**
 * Recipient discovery, when the target is not ours and the user named no recipient: the
 * first postmaster the server accepts (harness/runner/recipient-discovery.ts).
 */
function discoverFor(
  config: RunConfig,
  probed: ProbeResult,
  serverDomain: string,
  timeoutMs: number,
): Promise<RecipientDiscovery> | undefined {
  if (config.builtIn || config.profile?.rcpt !== undefined) return undefined;
  const names = [serverDomain, ...(probed.ehloDomain === undefined ? [] : [probed.ehloDomain])];
  return discoverRecipient(config.target, names, {
    tls: config.tls ?? 'none',
    helo: config.profile?.helo ?? REFERENCE_PROFILE.helo,
    from: config.profile?.from ?? REFERENCE_PROFILE.from,
    timeoutMs,
  });
}

interface Ran {
  result: CaseResult;
  transcript: Transcript;
}

async function runCases(
  config: RunConfig,
  env: CaseEnvironment,
  breaker: TargetBreaker,
  health: TargetHealth,
) {
  const total = config.scenarios.length;
  let done = 0;
  const requirementText = new Map((config.register ?? []).map((r) => [r.id, r.text]));
  const concurrency = Math.max(1, config.concurrency ?? DEFAULT_CONCURRENCY);
  const observations = new RunObservations();
  const observerOutcomes = new Map<string, CaseOutcome>();
  const finished = new Map<string, Ran>();
  const signal = config.signal;
  const runScenario = async (scenario: Scenario): Promise<Ran | undefined> => {
    if (signal?.aborted) return undefined;
    const outcome = await runOne(scenario, config, env, breaker, health);
    if (signal?.aborted) return;
    observations.add(scenario.id, outcome.observations);
    const result = toCaseResult(scenario, outcome, requirementText);
    // An observer case's verdict waits for every other case: it is reported last.
    if (isObserver(scenario)) observerOutcomes.set(scenario.id, outcome);
    else config.onCaseDone?.(result, ++done, total);
    const ran = { result, transcript: outcome.transcript };
    finished.set(scenario.id, ran);
    return ran;
  };
  const quietWidth = concurrency * QUIET_FACTOR[config.builtIn ? 'builtIn' : 'target'];
  const pools = runInPools(config.scenarios, concurrency, quietWidth, runScenario);
  await untilAborted(pools, signal);
  // Interrupted: only the cases that finished; an observer's verdict needs all of them.
  if (signal?.aborted) {
    return config.scenarios.flatMap((s) => {
      const r = finished.get(s.id);
      return r !== undefined && !observerOutcomes.has(s.id) ? [r] : [];
    });
  }
  const ran = (await pools).map((r) => {
    if (r === undefined) throw new Error('a case of the run produced no result');
    return r;
  });
  return ran.map((r, i) => {
    const scenario = config.scenarios[i];
    const own = scenario && observerOutcomes.get(scenario.id);
    if (!scenario || !own || !isObserver(scenario)) return r;
    const result = toCaseResult(scenario, observations.outcomeOf(scenario, own), requirementText);
    config.onCaseDone?.(result, ++done, total);
    return { result, transcript: own.transcript };
  });
}

/**
 * Whether a case spends most of its time waiting: for the silence a conformant server keeps
 * (`expectNoReply`), a `pause`, or pauses between the writes of split input. Such cases
 * cost neither side any work while they wait, so many can wait at once.
 */
export function isQuiet(scenario: Scenario): boolean {
  return (
    scenario.slow === true ||
    scenario.steps.some(
      (step) =>
        step.kind === 'expectNoReply' ||
        step.kind === 'pause' ||
        (step.kind === 'sendRaw' && (step.pauseMs ?? 0) > 0 && (step.parts?.length ?? 0) > 1),
    )
  );
}

/**
 * Runs `scenarios` with `run`, results in input order: quiet cases (isQuiet) in a pool of
 * `quietWidth` beside the others (`concurrency`), so their silence waits never hold up the
 * rest of the run. With a concurrency of 1 every case runs alone, one after another, as
 * someone pinning down which input crashed a server expects.
 */
async function runInPools<R>(
  scenarios: readonly Scenario[],
  concurrency: number,
  quietWidth: number,
  run: (scenario: Scenario) => Promise<R>,
): Promise<R[]> {
  if (concurrency === 1) return runPool(scenarios, 1, run);
  const quiet = scenarios.flatMap((s, i) => (isQuiet(s) ? [i] : []));
  const busy = scenarios.flatMap((s, i) => (isQuiet(s) ? [] : [i]));
  const at = (i: number) => scenarios[i] as Scenario;
  const [quietRan, busyRan] = await Promise.all([
    runPool(quiet, quietWidth, (i) => run(at(i))),
    runPool(busy, concurrency, (i) => run(at(i))),
  ]);
  const ran = new Array<R>(scenarios.length);
  quiet.forEach((i, k) => {
    ran[i] = quietRan[k] as R;
  });
  busy.forEach((i, k) => {
    ran[i] = busyRan[k] as R;
  });
  return ran;
}

async function runOne(
  scenario: Scenario,
  config: RunConfig,
  env: CaseEnvironment,
  breaker: TargetBreaker,
  health: TargetHealth,
): Promise<CaseOutcome> {
  const notRun = (verdict: 'skip' | 'error', message: string): CaseOutcome => {
    const transcript = new Transcript({ label: scenario.id, target: env.address });
    transcript.note(`not run: ${message}`);
    return { verdict, message, transcript, durationMs: 0, connectFailed: false };
  };
  if (scenario.slow === true && config.slow !== true) {
    return notRun('skip', 'slow case: run with --slow to include it');
  }
  if (scenario.client !== undefined) {
    return notRun('skip', 'client case: run it with smtpspec serve-cases --client-cmd');
  }
  if (health.down) return notRun('error', downMessage(health.down));
  if (breaker.reason !== undefined) return notRun('error', breaker.reason);
  health.started(scenario.id);
  try {
    const outcome = await runCase(scenario, env);
    breaker.record(outcome);
    if (outcome.connectFailed) return await afterConnectFailure(scenario.id, outcome, health);
    return outcome.serverGone ? await checkedOutcome(scenario.id, outcome, health) : outcome;
  } finally {
    health.ended(scenario.id);
  }
}

/** A case that could not connect: an error either way, named "target down" when it is. */
async function afterConnectFailure(
  id: string,
  outcome: CaseOutcome,
  health: TargetHealth,
): Promise<CaseOutcome> {
  const after = await health.afterConnectFailure(id);
  if (after.kind === 'alive') return outcome;
  const down = after.down;
  outcome.transcript.note(downMessage(down));
  return { ...outcome, message: `${downMessage(down)} (${outcome.message})` };
}

/** `target down since <case>: ...`, the reason of every case the run could not judge. */
function downMessage(down: TargetDown): string {
  return `target down since ${down.since}: ${down.message}`;
}

/**
 * The outcome of a case after which the server was gone or silent, once the target's
 * health is known: unchanged when it still greets; a `fail` for the case after which it
 * stopped (a crash: whatever the case found, this is the finding that matters); `error`
 * for a case that ran while the target went down and so could not be judged.
 */
async function checkedOutcome(
  id: string,
  outcome: CaseOutcome,
  health: TargetHealth,
): Promise<CaseOutcome> {
  const after = await health.afterSuspiciousEnd(id);
  if (after.kind === 'alive') return outcome;
  if (after.kind === 'down') {
    outcome.transcript.note(downMessage(after.down));
    return { ...outcome, verdict: 'error', message: downMessage(after.down) };
  }
  const beside =
    after.concurrent.length > 0
      ? `; ${after.concurrent.length} other case(s) were running at the same time (${after.concurrent.join(', ')}): rerun with --concurrency 1 to pin the input`
      : '';
  const message = `the server stopped accepting connections after this input: crash (${outcome.message})${beside}`;
  outcome.transcript.note(after.down.message);
  return {
    ...outcome,
    verdict: 'fail',
    message,
    actual: after.down.message,
    expected: [
      'the server keeps accepting connections (RFC 5321 §3.8: it closes only after 421 or QUIT)',
    ],
  };
}

/** Resolves when `work` does or as soon as `signal` fires, whichever comes first. */
function untilAborted(work: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  const done = work.then(() => undefined);
  if (signal === undefined) return done;
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    done.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The transcripts as text and JSON, each rendered when it is read, not kept: a run of 547
 * cases against a server that fills every transcript to its cap with bytes that render
 * four times larger held about 140 MiB of rendered strings at once (bench/hostile-memory.ts).
 * Report writers read each one once or twice and let it go.
 */
function transcriptMap(results: readonly Ran[]): TranscriptMap {
  const map: TranscriptMap = new Map();
  for (const { result, transcript } of results) {
    map.set(result.id, {
      get text() {
        return renderTranscript(transcript);
      },
      get json() {
        return `${JSON.stringify(transcriptToJson(transcript), null, 2)}\n`;
      },
    });
  }
  return map;
}
