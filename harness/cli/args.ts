/**
 * The flags of `smtpspec run` (and the tables other commands share), and the checks that
 * turn parsed values into validated arguments: every mistake is a one-line UsageError.
 */
import { parseReporterList, type ReporterName } from '../../reports/write.ts';
import type { RelayOptions } from '../api.ts';
import { UsageError } from '../errors.ts';
import { checkProfileFlags, type ProfileFlags } from '../runner/profile.ts';
import { DEFAULT_CONCURRENCY, DEFAULT_STEP_TIMEOUT_MS } from '../runner/run.ts';
import { parsePort, parseTarget, type TargetAddress } from '../runner/target.ts';
import type { SelectionArgs } from '../scenario/cases.ts';
import { looksLikeSuiteFile } from '../scenario/user-suite.ts';
import { parseShard, type Shard } from '../shard/shard.ts';
import {
  type ContainerTargetSpec,
  checkContainerSpec,
  DEFAULT_STARTUP_TIMEOUT_MS,
  parseEnvAssignments,
} from '../targets/container-spec.ts';
import { type FlagTable, type FlagValues, parseCommand } from './command.ts';

/** Where reports go without `--out`. */
export const DEFAULT_OUT_DIR = './smtpspec-report';
/** Reporters without `--reporter`: all of them. */
export const DEFAULT_REPORTERS = 'console,junit,json,html';

/** `--suite` and `--case`: which cases (with ID-PREFIX positionals). */
export const SELECTION_FLAGS = {
  suite: {
    type: 'string',
    value: 'ID|FILE',
    multiple: true,
    group: 'Which cases',
    help: 'cases whose id starts with ID, or a JSON/YAML suite file (schema: suite.schema.json in the package); files given alone replace the built-in suites',
  },
  case: {
    type: 'string',
    value: 'GLOB',
    multiple: true,
    group: 'Which cases',
    help: "case ids matching GLOB: '*' any text, '?' one character",
  },
} as const satisfies FlagTable;

/** `--out DIR` and `--reporter LIST`, as `run` and `merge` write reports. */
export const REPORT_FLAGS = {
  out: {
    type: 'string',
    value: 'DIR',
    default: DEFAULT_OUT_DIR,
    group: 'Reports',
    help: 'report directory, checked before anything runs',
  },
  reporter: {
    type: 'string',
    value: 'LIST',
    default: DEFAULT_REPORTERS,
    group: 'Reports',
    help: 'any of console, junit, json, html, comma-separated',
  },
  verbose: {
    type: 'boolean',
    group: 'Reports',
    help: "the console report shows every case's message; an internal error shows its stack",
  },
} as const satisfies FlagTable;

/** Names used in the commands (the target profile). */
export const PROFILE_FLAG_TABLE = {
  helo: {
    type: 'string',
    value: 'NAME',
    group: 'Names used in the commands',
    defaultText: 'client.smtpspec.test',
    help: 'the EHLO/HELO name',
  },
  from: {
    type: 'string',
    value: 'MAILBOX',
    group: 'Names used in the commands',
    defaultText: 'sender@client.smtpspec.test',
    help: 'the reverse-path',
  },
  rcpt: {
    type: 'string',
    value: 'MAILBOX',
    group: 'Names used in the commands',
    defaultText:
      'alice@smtpspec.test for the bundled MTA; for another server the postmaster it accepts, found at run start',
    help: 'a deliverable recipient',
  },
  rcpt2: {
    type: 'string',
    value: 'MAILBOX',
    group: 'Names used in the commands',
    defaultText: '--rcpt',
    help: 'a second deliverable recipient',
  },
  'rcpt-pattern': {
    type: 'string',
    value: 'MAILBOX',
    group: 'Names used in the commands',
    defaultText: 'none: the recipients-buffer cases skip',
    help: "a mailbox with {n} in its local part, deliverable for n = 1..101 (e.g. 'user+{n}@example.test'): distinct recipients for the recipients-buffer cases",
  },
  'foreign-domain': {
    type: 'string',
    value: 'DOMAIN',
    group: 'Names used in the commands',
    defaultText: 'foreign.smtpspec.example',
    help: 'a domain the server must not relay to (the relay cases)',
  },
  'mx-domain': {
    type: 'string',
    value: 'DOMAIN',
    group: 'Names used in the commands',
    defaultText:
      "none: the cases about a publicly-referenced server skip (the bundled MTA stands in for smtpspec.test's MX)",
    help: 'a domain whose MX record names the target on port 25, which makes it a publicly-referenced server (RFC 3207 §4)',
  },
  'auth-user': {
    type: 'string',
    value: 'USER',
    group: 'Names used in the commands',
    defaultText: 'none, and the AUTH cases skip; the bundled MTA has its own test user',
    help: 'user for the AUTH cases (RFC 4954), with --auth-pass',
  },
  'auth-pass': {
    type: 'string',
    value: 'PASSWORD',
    group: 'Names used in the commands',
    help: 'password for the AUTH cases, with --auth-user',
  },
} as const satisfies FlagTable;

/** A server under test started from an image (`run` and `fuzz`). */
export const CONTAINER_FLAG_TABLE = {
  container: {
    type: 'string',
    value: 'IMAGE',
    group: 'The server under test',
    help: 'start the server under test from IMAGE (testcontainers, needs the package testcontainers; port published on 127.0.0.1); stopped and removed after the run',
  },
  dockerfile: {
    type: 'string',
    value: 'DIR',
    group: 'The server under test',
    help: 'the same, from an image built from DIR/Dockerfile',
  },
  port: {
    type: 'string',
    value: 'N',
    group: 'The server under test',
    defaultText: "the image's exposed port when it exposes exactly one, else 25",
    help: 'the SMTP port inside the container',
  },
  env: {
    type: 'string',
    value: 'NAME=VALUE',
    multiple: true,
    group: 'The server under test',
    help: 'an environment variable of the container',
  },
  'startup-timeout-ms': {
    type: 'string',
    value: 'N',
    defaultText: String(DEFAULT_STARTUP_TIMEOUT_MS),
    group: 'The server under test',
    help: "wait for the container's 220 greeting, in ms",
  },
} as const satisfies FlagTable;

/** Flags of `smtpspec run`. */
export const RUN_FLAGS = {
  target: {
    type: 'string',
    value: 'HOST:PORT',
    group: 'The server under test',
    defaultText: 'the bundled reference MTA on 127.0.0.1, an ephemeral port',
    help: 'server under test, [V6ADDR]:PORT for IPv6; a target other than loopback gets one line first saying what the run will send',
  },
  ...CONTAINER_FLAG_TABLE,
  tls: {
    type: 'string',
    value: 'implicit',
    group: 'The server under test',
    defaultText: 'plain SMTP',
    help: 'TLS from the first byte (SMTPS); needs --target or a container',
  },
  ...SELECTION_FLAGS,
  shard: {
    type: 'string',
    value: 'I/N',
    group: 'Which cases',
    help: 'only shard I of N: round-robin over the cases sorted by id',
  },
  slow: {
    type: 'boolean',
    group: 'Which cases',
    help: 'include the slow cases (they wait out the RFC 5321 §4.5.3.2 server timeouts)',
  },
  concurrency: {
    type: 'string',
    value: 'N',
    default: String(DEFAULT_CONCURRENCY),
    group: 'How',
    help: 'cases run in parallel, 1-64; cases that mostly wait for silence run beside them, N at a time (3 x N against the bundled MTA); 1: one case at a time',
  },
  'timeout-ms': {
    type: 'string',
    value: 'N',
    default: String(DEFAULT_STEP_TIMEOUT_MS),
    group: 'How',
    help: 'wait for each reply, in ms',
  },
  strict: { type: 'boolean', group: 'How', help: 'a warn (SHOULD violated) also fails the run' },
  baseline: {
    type: 'string',
    value: 'FILE',
    group: 'How',
    help: 'a results.json of known problems: a case with the same id and the same or a worse verdict there is "known" and does not fail the run',
  },
  ...REPORT_FLAGS,
  ...PROFILE_FLAG_TABLE,
  'relay-domain': {
    type: 'string',
    value: 'DOMAIN',
    group: 'Relay-through cases',
    defaultText:
      'none: with a target those cases skip; without one the bundled MTA relays relay.test to a sink of its own',
    help: "the target routes DOMAIN to the harness's sink: the cases submit mail to DOMAIN and judge what the target sends on",
  },
  'sink-listen': {
    type: 'string',
    value: 'HOST:PORT',
    group: 'Relay-through cases',
    defaultText: 'the Docker bridge gateway with --container; needed with --target',
    help: 'where the sink listens (port 0: any free port)',
  },
  'relay-timeout-ms': {
    type: 'string',
    value: 'N',
    group: 'Relay-through cases',
    defaultText: '30000',
    help: 'wait for what the target sends on',
  },
  'relay-retry-ms': {
    type: 'string',
    value: 'N',
    group: 'Relay-through cases',
    defaultText: 'none: no retry seen is info, never fail',
    help: "the target's retry interval after a 4xx; retries are judged only within it",
  },
} as const satisfies FlagTable;

type RunValues = FlagValues<typeof RUN_FLAGS>;

/** Splits positionals, `--suite` and `--case` into a selection. */
export function readSelection(
  values: { suite: readonly string[]; case: readonly string[] },
  positionals: readonly string[],
): SelectionArgs {
  const files = values.suite.filter(looksLikeSuiteFile);
  const suiteIds = values.suite.filter((s) => !looksLikeSuiteFile(s));
  return { prefixes: [...positionals], globs: [...values.case], files, suiteIds };
}

/** An integer option within bounds, e.g. `--concurrency 8`. */
export function readInteger(value: string, flag: string, min: number, max: number): number {
  return intFlag(value, flag, min, max) ?? min;
}

/** An integer flag within bounds; `undefined` when absent. */
export function intFlag(
  value: string | undefined,
  flag: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag}: expected an integer from ${min} to ${max}, got '${value}'`);
  }
  return Number(value);
}

/** `--out DIR`: a directory name; whether it can be written is checked before the run. */
export function readOutDir(value: string): string {
  if (value === '') throw new UsageError('--out: expected a directory, got an empty string');
  return value;
}

/** Everything `smtpspec run` needs, validated. */
export interface RunArgs {
  selection: SelectionArgs;
  target: TargetAddress | undefined;
  tls: 'none' | 'implicit';
  out: string;
  reporters: ReporterName[];
  concurrency: number;
  stepTimeoutMs: number;
  strict: boolean;
  slow: boolean;
  verbose: boolean;
  profile: ProfileFlags;
  /** `--container IMAGE` or `--dockerfile DIR`, with `--port`, `--env`, `--startup-timeout-ms`. */
  container: ContainerTargetSpec | undefined;
  /** `--shard i/n`. */
  shard: Shard | undefined;
  /** `--baseline FILE`. */
  baseline: string | undefined;
  /** `--relay-domain`, `--sink-listen`, `--relay-timeout-ms`, `--relay-retry-ms`. */
  relay: RelayOptions | undefined;
}

function readBaselinePath(file: string | undefined): string | undefined {
  if (file === '') throw new UsageError('--baseline: expected a results.json file');
  return file;
}

function readTls(values: RunValues): 'none' | 'implicit' {
  const tls = values.tls ?? 'none';
  if (tls !== 'implicit' && tls !== 'none') {
    throw new UsageError(`--tls: expected 'implicit' (TLS from the first byte), got '${tls}'`);
  }
  const external = [values.target, values.container, values.dockerfile].some(
    (v) => v !== undefined,
  );
  if (tls === 'implicit' && !external) {
    throw new UsageError('--tls implicit needs --target (the built-in server speaks plain SMTP)');
  }
  return tls;
}

/** Profile flag names and the ProfileFlags key each fills. */
export const PROFILE_FLAGS = [
  ['helo', 'helo'],
  ['from', 'from'],
  ['rcpt', 'rcpt'],
  ['rcpt2', 'rcpt2'],
  ['rcptPattern', 'rcpt-pattern'],
  ['foreignDomain', 'foreign-domain'],
  ['mxDomain', 'mx-domain'],
  ['authUser', 'auth-user'],
  ['authPass', 'auth-pass'],
] as const;

/** The profile flags among `values`, checked. */
export function readProfile(
  values: Partial<Record<(typeof PROFILE_FLAGS)[number][1], string | undefined>>,
): ProfileFlags {
  const profile: ProfileFlags = {};
  for (const [key, flag] of PROFILE_FLAGS) {
    const v = values[flag];
    if (v !== undefined) profile[key] = v;
  }
  checkProfileFlags(profile);
  return profile;
}

/** `--container`/`--dockerfile` and their options; a container option alone is a mistake. */
export function readContainer(
  values: FlagValues<typeof CONTAINER_FLAG_TABLE> & { target: string | undefined },
): ContainerTargetSpec | undefined {
  const image = values.container;
  const dockerfile = values.dockerfile;
  const extras = [
    values.port !== undefined ? 'port' : undefined,
    values.env.length > 0 ? 'env' : undefined,
    values['startup-timeout-ms'] !== undefined ? 'startup-timeout-ms' : undefined,
  ].filter((k) => k !== undefined);
  if (image === undefined && dockerfile === undefined) {
    if (extras.length > 0) throw new UsageError(`--${extras[0]} needs --container or --dockerfile`);
    return undefined;
  }
  if (image !== undefined && dockerfile !== undefined) {
    throw new UsageError('give --container IMAGE or --dockerfile DIR, not both');
  }
  if (values.target !== undefined) {
    throw new UsageError('--target and --container/--dockerfile exclude each other');
  }
  const spec: ContainerTargetSpec = image !== undefined ? { image } : { dockerfile: dockerfile! };
  if (values.port !== undefined) spec.port = parsePort(values.port, '--port');
  spec.env = parseEnvAssignments(values.env);
  const startup = values['startup-timeout-ms'];
  if (startup !== undefined) {
    spec.startupTimeoutMs = readInteger(startup, '--startup-timeout-ms', 1000, 3_600_000);
  }
  checkContainerSpec(spec);
  return spec;
}

/** Checks the parsed arguments of `smtpspec run`. */
export function runArgsFrom(values: RunValues, positionals: readonly string[]): RunArgs {
  const tls = readTls(values);
  const profile = readProfile(values);
  return {
    selection: readSelection(values, positionals),
    target: values.target === undefined ? undefined : parseTarget(values.target),
    tls,
    out: readOutDir(values.out),
    reporters: parseReporterList(values.reporter),
    concurrency: readInteger(values.concurrency, '--concurrency', 1, 64),
    stepTimeoutMs: readInteger(values['timeout-ms'], '--timeout-ms', 50, 600_000),
    strict: values.strict,
    slow: values.slow,
    verbose: values.verbose,
    profile,
    container: readContainer(values),
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    baseline: readBaselinePath(values.baseline),
    relay: readRelay(values),
  };
}

/** RFC 1035 host-name labels; the relay domain is a mail domain the target routes. */
const RELAY_DOMAIN =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * The relay-through flags. With `--target` the domain and the sink address go together;
 * with `--container` the sink listens on the Docker bridge unless `--sink-listen` says
 * otherwise; without either, the bundled MTA relays `relay.test` to a sink of its own.
 */
function readRelay(values: RunValues): RelayOptions | undefined {
  const domain = values['relay-domain'];
  const listen = values['sink-listen'];
  const timeout = values['relay-timeout-ms'];
  const retry = values['relay-retry-ms'];
  const builtIn = [values.target, values.container, values.dockerfile].every(
    (v) => v === undefined,
  );
  if (domain === undefined) {
    if (listen !== undefined) throw new UsageError('--sink-listen needs --relay-domain DOMAIN');
    if (!builtIn && (timeout !== undefined || retry !== undefined)) {
      throw new UsageError('--relay-timeout-ms and --relay-retry-ms need --relay-domain DOMAIN');
    }
  } else if (!RELAY_DOMAIN.test(domain)) {
    throw new UsageError(`--relay-domain: '${domain}' is not a domain like relay.test`);
  }
  if (values.target !== undefined && domain !== undefined && listen === undefined) {
    throw new UsageError(
      '--relay-domain needs --sink-listen HOST:PORT (the address the target relays to)',
    );
  }
  const sinkListen =
    listen === undefined
      ? undefined
      : parseTarget(listen, { flag: '--sink-listen', allowPortZero: true });
  if (domain === undefined && timeout === undefined && retry === undefined) return undefined;
  const relay: RelayOptions = { domain: domain ?? 'relay.test' };
  if (sinkListen !== undefined) relay.sinkListen = sinkListen;
  if (timeout !== undefined) {
    relay.timeoutMs = readInteger(timeout, '--relay-timeout-ms', 100, 3_600_000);
  }
  if (retry !== undefined) relay.retryMs = readInteger(retry, '--relay-retry-ms', 1, 86_400_000);
  return relay;
}

/** Parses and checks the arguments of `smtpspec run`. */
export function readRunArgs(argv: readonly string[]): RunArgs {
  const { values, positionals } = parseCommand(
    { flags: RUN_FLAGS, positionals: { name: 'ID-PREFIX', min: 0, max: Infinity } },
    argv,
  );
  return runArgsFrom(values, positionals);
}
