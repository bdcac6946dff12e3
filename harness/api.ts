/**
 * The programmatic API (`import { runSuites, listScenarios } from 'smtpspec'`) and the
 * engine of `smtpspec run`: select cases (and a shard of them), get a target (an address,
 * a container, or the bundled reference MTA in-process), run, compare with a baseline and
 * write the reports. The CLI is a thin layer over {@link runSelection}.
 */
import { MemoryMessageStore } from '../reference-server/message-store.ts';
import { startReferenceServer } from '../reference-server/server.ts';
import { prepareOutDir, type ReporterName, writeReports } from '../reports/write.ts';
import { applyBaseline, loadBaseline, runExitCode } from './baseline/baseline.ts';
import {
  describeError,
  ERROR_CODES,
  hasErrorCode,
  TargetUnavailableError,
  UsageError,
} from './errors.ts';
import { RelaySink } from './relay/sink.ts';
import { builtInServerConfig, type ProfileFlags } from './runner/profile.ts';
import {
  REFERENCE_DECLARED_RETRY_MS,
  type ReferenceRelay,
  startReferenceRelay,
} from './runner/reference-relay.ts';
import { DEFAULT_RELAY_TIMEOUT_MS, type RelayRun } from './runner/relay-case.ts';
import { type RunConfig, type RunOutput, runSuite } from './runner/run.ts';
import { isLoopbackHost } from './runner/send-plan.ts';
import { formatAddress, parseTarget, type TargetAddress } from './runner/target.ts';
import { loadCases, type SelectionArgs } from './scenario/cases.ts';
import { computeCoverage } from './scenario/coverage.ts';
import { loadRegister } from './scenario/load.ts';
import type { RunReport } from './scenario/results.ts';
import type { Requirement, Scenario } from './scenario/types.ts';
import { looksLikeSuiteFile } from './scenario/user-suite.ts';
import { parseShard, type Shard, shardCases } from './shard/shard.ts';
import type { ContainerStartError, ContainerTargetSpec } from './targets/container-spec.ts';
import type { StartedContainerTarget } from './targets/container-target.ts';
import { loadContainerTargets } from './targets/load-container-target.ts';

/** Which cases: built-in suites by id prefix, suite files, globs, and a shard. */
export interface CaseSelectionOptions {
  /** Suite ids (id prefixes such as `rfc5321/4.1`) or JSON/YAML suite files. */
  suites?: readonly string[];
  /** `*` / `?` globs over case ids, e.g. `rfc5321/4.1.1.4/*`. */
  cases?: readonly string[];
  /** Only this shard of the selection, `2/4` or `{ index: 2, count: 4 }`. */
  shard?: string | Shard;
  /** Directory of the built-in suites (default: the ones shipped with smtpspec). */
  suitesDir?: string;
}

/** Everything {@link runSuites} takes; all optional. */
export interface RunSuitesOptions extends CaseSelectionOptions {
  /** `host:port` or an address. Default: the bundled reference MTA, in-process. */
  target?: string | TargetAddress;
  /** Start the server under test from an image or a Dockerfile instead. */
  container?: ContainerTargetSpec;
  tls?: 'none' | 'implicit';
  /** Names used in the commands (`helo`, `from`, `rcpt`, `rcpt2`, AUTH credentials ...). */
  profile?: ProfileFlags;
  concurrency?: number;
  /** Wait for each reply, in ms (default 5000). */
  stepTimeoutMs?: number;
  /** A warn also fails the run. */
  strict?: boolean;
  /** Include the cases that wait out long server timeouts. */
  slow?: boolean;
  /** A previous `results.json`: only problems it does not have fail the run. */
  baseline?: string;
  /** Write the reports (and transcripts) into this directory. */
  out?: string;
  /** Which report files to write into `out` (default junit, json, html). */
  reporters?: readonly ReporterName[];
  /**
   * Relay-through cases: the target routes `domain` to the harness's sink at `sinkListen`
   * (`host:port`). Without a target the bundled MTA routes `relay.test` to a sink of its
   * own; with a container, the sink listens on the Docker bridge gateway unless told.
   */
  relay?: RelayOptions;
  /**
   * Interrupts the run: no case starts after it fires, the cases that finished are
   * reported (and written to `out`) with `report.interrupted` set, the others are left
   * out; a target container is stopped and removed. Fired while a container is still
   * starting, the container is removed and the reason is thrown.
   */
  signal?: AbortSignal;
  /** Called as each case finishes. */
  onCaseDone?: RunConfig['onCaseDone'];
  /**
   * One line per step worth telling a person (image build, container start, and what the
   * run will send to a target that is not on this machine).
   */
  onProgress?: (line: string) => void;
}

/** `--relay-domain`, `--sink-listen`, `--relay-timeout-ms`, `--relay-retry-ms`. */
export interface RelayOptions {
  domain: string;
  /** `host:port` (port 0: any free one). */
  sinkListen?: string | TargetAddress;
  /** Longest wait for what the target sends on (default 30 000 ms). */
  timeoutMs?: number;
  /** The target's retry interval after a 4xx, as the user declares it. */
  retryMs?: number;
}

/** The domain the bundled MTA routes to its sink when the run names none. */
export const BUILT_IN_RELAY_DOMAIN = 'relay.test';

/** A finished run: report, transcripts, notes, and the exit status the CLI would use. */
export interface SuiteRun extends RunOutput {
  /** 0: no fail and no error (none new, with a baseline; warn counts with `strict`). */
  exitCode: 0 | 1;
}

/** The selected cases, sorted by id (the cases `runSuites` with the same options runs). */
export async function listScenarios(options: CaseSelectionOptions = {}): Promise<Scenario[]> {
  const shard = readShard(options.shard);
  const { scenarios: all } = await loadCases(selectionOf(options), sourceOf(options));
  // Client cases are for `smtpspec serve-cases`; runSuites never runs them.
  const scenarios = all.filter((s) => s.client === undefined);
  return shard ? shardCases(scenarios, shard) : scenarios;
}

/**
 * Runs the selected cases against the target and returns the report. Bad options (an
 * `out` directory that cannot be written included) throw a UsageError or ConfigError
 * before anything starts. A target that cannot be connected to at all throws a
 * TargetUnavailableError (code SMTPSPEC_ERR_CONNECT), and a container that does not start
 * a ContainerStartError, both after writing a report in which every case is `error`, when
 * `out` is set.
 */
export function runSuites(options: RunSuitesOptions = {}): Promise<SuiteRun> {
  return runSelection(selectionOf(options), options);
}

function selectionOf(options: CaseSelectionOptions): SelectionArgs {
  const suites = options.suites ?? [];
  return {
    prefixes: [],
    globs: [...(options.cases ?? [])],
    files: suites.filter(looksLikeSuiteFile),
    suiteIds: suites.filter((s) => !looksLikeSuiteFile(s)),
  };
}

function sourceOf(options: CaseSelectionOptions) {
  return options.suitesDir === undefined ? {} : { suitesDir: options.suitesDir };
}

function readShard(shard: string | Shard | undefined): Shard | undefined {
  if (shard === undefined) return undefined;
  return typeof shard === 'string'
    ? parseShard(shard)
    : parseShard(`${shard.index}/${shard.count}`);
}

interface Plan {
  options: RunSuitesOptions;
  scenarios: Scenario[];
  selected: Scenario[];
  register: Requirement[];
  shard: Shard | undefined;
  baseline: RunReport | undefined;
}

/** {@link runSuites} with the selection already split up (as the CLI parses it). */
export async function runSelection(
  selection: SelectionArgs,
  options: RunSuitesOptions,
): Promise<SuiteRun> {
  if (options.target !== undefined && options.container !== undefined) {
    throw new UsageError('give a target address or a container, not both');
  }
  const target = typeof options.target === 'string' ? parseTarget(options.target) : options.target;
  const shard = readShard(options.shard);
  // Read the baseline before anything starts: a typo in its path should cost nothing.
  const baseline =
    options.baseline === undefined ? undefined : await loadBaseline(options.baseline);
  // Client cases belong to `smtpspec serve-cases`: the target is no client.
  const selected = (await loadCases(selection, sourceOf(options))).scenarios.filter(
    (s) => s.client === undefined,
  );
  const register = await loadRegister(options.suitesDir);
  const scenarios = shard ? shardCases(selected, shard) : selected;
  // A report directory that cannot be written should cost a second, not the whole run.
  if (options.out !== undefined) await prepareOutDir(options.out);
  const plan: Plan = { options, scenarios, selected, register, shard, baseline };
  if (options.container !== undefined) return runInContainer(plan, options.container);
  if (target !== undefined) {
    if (options.relay !== undefined && options.relay.sinkListen === undefined) {
      throw new UsageError('--relay-domain needs --sink-listen HOST:PORT with --target');
    }
    const sink = await startSink(options.relay, options);
    try {
      return await runAgainst(plan, target, relayRun(sink, options.relay));
    } finally {
      await sink?.stop();
    }
  }
  return runBuiltIn(plan);
}

/**
 * The bundled reference MTA in-process, relaying the relay domain to a sink of the run's
 * own through its real queue and relay client.
 */
async function runBuiltIn(plan: Plan): Promise<SuiteRun> {
  const { options } = plan;
  const relayOptions: RelayOptions = options.relay ?? { domain: BUILT_IN_RELAY_DOMAIN };
  const sink = (await startSink(relayOptions, {})) as RelaySink;
  let relay: ReferenceRelay | undefined;
  let server: Awaited<ReturnType<typeof startReferenceServer>> | undefined;
  try {
    relay = await startReferenceRelay({
      domain: sink.domain,
      sink: sink.address,
      others: new MemoryMessageStore(),
    });
    server = await startReferenceServer({
      config: { ...builtInServerConfig(), ...relay.config },
      store: relay.store,
    });
    options.onProgress?.(
      `no target given: running the bundled reference MTA on ${formatAddress(server.address)}, relaying ${sink.domain} to the sink on ${formatAddress(sink.address)}`,
    );
    // The bundled MTA retries within a second: declare it, so retries are judged.
    const run = relayRun(sink, { retryMs: REFERENCE_DECLARED_RETRY_MS, ...relayOptions });
    return await finish(plan, await execute(plan, server.address, true, undefined, run));
  } finally {
    await server?.stop({ graceMs: 1000 });
    await relay?.stop();
    await sink.stop();
  }
}

/** Starts the sink, or nothing without relay options. */
async function startSink(
  relay: RelayOptions | undefined,
  options: RunSuitesOptions,
  fallbackHost = '127.0.0.1',
): Promise<RelaySink | undefined> {
  if (relay === undefined) return undefined;
  const listen =
    relay.sinkListen === undefined
      ? { host: fallbackHost, port: 0 }
      : typeof relay.sinkListen === 'string'
        ? parseTarget(relay.sinkListen, { flag: '--sink-listen', allowPortZero: true })
        : relay.sinkListen;
  const sink = await RelaySink.start({
    host: listen.host,
    port: listen.port,
    domain: relay.domain,
  });
  options.onProgress?.(`relay sink for ${sink.domain} listening on ${formatAddress(sink.address)}`);
  return sink;
}

function relayRun(
  sink: RelaySink | undefined,
  relay: RelayOptions | undefined,
): RelayRun | undefined {
  if (sink === undefined) return undefined;
  return {
    sink,
    timeoutMs: relay?.timeoutMs ?? DEFAULT_RELAY_TIMEOUT_MS,
    ...(relay?.retryMs === undefined ? {} : { retryMs: relay.retryMs }),
  };
}

/** A run against an address; one that cannot be connected to at all throws (see runSuites). */
async function runAgainst(plan: Plan, target: TargetAddress, relay?: RelayRun): Promise<SuiteRun> {
  const output = await execute(plan, target, false, undefined, relay);
  const run = await finish(plan, output);
  if (output.unreachable !== undefined) {
    throw new TargetUnavailableError(
      formatAddress(target),
      `${output.unreachable}; no case was run`,
    );
  }
  return run;
}

function execute(
  plan: Plan,
  target: TargetAddress,
  builtIn: boolean,
  unavailableReason?: string,
  relay?: RelayRun,
): Promise<RunOutput> {
  const { options } = plan;
  // Loopback and a container we started are ours; anything else gets told what comes.
  const remote = !builtIn && !isLoopbackHost(target.host) && options.onProgress;
  const config: RunConfig = {
    target,
    builtIn,
    scenarios: plan.scenarios,
    register: plan.register,
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.stepTimeoutMs !== undefined ? { stepTimeoutMs: options.stepTimeoutMs } : {}),
    strict: options.strict === true,
    slow: options.slow === true,
    ...(options.onCaseDone ? { onCaseDone: options.onCaseDone } : {}),
    ...(unavailableReason !== undefined ? { unavailableReason } : {}),
    ...(relay === undefined ? {} : { relay }),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(remote ? { onSendPlan: remote } : {}),
  };
  return runSuite(config);
}

/** The name the target container reaches the sink by (`--add-host NAME:host-gateway`). */
export const SINK_HOST_NAME = 'smtpspec-sink';

/**
 * Relay-through cases in a container: the sink listens where the container reaches the
 * Docker host (the bridge gateway, unless --sink-listen says otherwise), and the container
 * learns where it is: `SMTPSPEC_RELAY_DOMAIN` and `SMTPSPEC_RELAY_SINK=smtpspec-sink:PORT`,
 * with `smtpspec-sink` added to its /etc/hosts as the host gateway. An image routes the
 * domain there at start (the Postfix fixture does, fixtures/containers/postfix/relay-route.sh).
 */
async function runInContainer(plan: Plan, spec: ContainerTargetSpec): Promise<SuiteRun> {
  const relay = plan.options.relay;
  if (relay === undefined) return runContainer(plan, spec, undefined);
  const { dockerBridgeGateway } = await loadContainerTargets('a container target');
  const host = relay.sinkListen === undefined ? await dockerBridgeGateway() : undefined;
  const sink = await startSink(relay, plan.options, host);
  try {
    const port = sink?.address.port ?? 0;
    const routed: ContainerTargetSpec = {
      ...spec,
      env: {
        ...spec.env,
        SMTPSPEC_RELAY_DOMAIN: relay.domain,
        SMTPSPEC_RELAY_SINK: `${SINK_HOST_NAME}:${port}`,
      },
      extraHosts: [...(spec.extraHosts ?? []), { host: SINK_HOST_NAME, ipAddress: 'host-gateway' }],
    };
    return await runContainer(plan, routed, relayRun(sink, relay));
  } finally {
    await sink?.stop();
  }
}

async function runContainer(
  plan: Plan,
  spec: ContainerTargetSpec,
  relay: RelayRun | undefined,
): Promise<SuiteRun> {
  const { options } = plan;
  // Loaded on demand: testcontainers is an optional peer and takes a second to import.
  const { startContainerTarget } = await loadContainerTargets('a container target');
  let target: StartedContainerTarget;
  try {
    target = await startContainerTarget(spec, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } catch (err) {
    if (!isContainerStartError(err)) throw err;
    // Still a complete report: every case is `error` with the reason, plus the log tail.
    const placeholder = { host: '127.0.0.1', port: spec.port ?? 25 };
    const output = await execute(plan, placeholder, false, err.message);
    output.report.target = {
      address: '',
      greeting: '',
      ehlo: [],
      image: err.image,
      containerLog: err.logTail,
    };
    await finish(plan, output);
    throw err;
  }
  try {
    const address = formatAddress(target.address);
    options.onProgress?.(
      `container ${target.containerId.slice(0, 12)} (${target.image}) greets on ${address}`,
    );
    const output = await execute(plan, target.address, false, undefined, relay);
    output.report.target.image = target.image;
    const down = output.report.targetDown;
    if (down !== undefined) {
      const status = await target.status().catch((err: unknown) => describeError(err));
      down.message = `${down.message}; container ${status}`;
    }
    const { fail, error } = output.report.summary;
    if (fail > 0 || error > 0) {
      output.report.target.containerLog = await target
        .logTail()
        .catch((err: unknown) => `(log unavailable: ${describeError(err)})`);
    }
    return await finish(plan, output);
  } finally {
    await target.stop();
  }
}

function isContainerStartError(err: unknown): err is ContainerStartError {
  return (
    hasErrorCode(err, ERROR_CODES.container) &&
    typeof (err as { image?: unknown }).image === 'string'
  );
}

/** Shard info, coverage of the whole selection, the baseline, the report files. */
async function finish(plan: Plan, output: RunOutput): Promise<SuiteRun> {
  const { options } = plan;
  let report = output.report;
  const notes = [...output.notes];
  if (plan.shard) {
    // Every shard reports the coverage of the whole selection, so merged shards agree.
    report.coverage = computeCoverage(plan.register, plan.selected);
    report.shard = { ...plan.shard };
  }
  if (plan.baseline !== undefined && options.baseline !== undefined) {
    const compared = applyBaseline(report, plan.baseline, options.baseline);
    report = compared.report;
    notes.push(...compared.notes);
  }
  if (options.out !== undefined) {
    await writeReports(options.out, report, output.transcripts, options.reporters ?? DEFAULT_FILES);
  }
  const strict = options.strict === true;
  return { report, transcripts: output.transcripts, notes, exitCode: runExitCode(report, strict) };
}

const DEFAULT_FILES: readonly ReporterName[] = ['junit', 'json', 'html'];
