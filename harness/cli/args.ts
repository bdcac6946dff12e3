/**
 * Command-line parsing with node:util parseArgs: one option table per command, values
 * checked here so every mistake is a one-line UsageError.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { parseReporterList, type ReporterName } from '../../reports/write.ts';
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
  parseEnvAssignments,
} from '../targets/container-spec.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

const SELECTION: Options = {
  suite: { type: 'string', multiple: true },
  case: { type: 'string', multiple: true },
};

/** Options of `smtpspec run`. */
export const RUN_OPTIONS: Options = {
  ...SELECTION,
  target: { type: 'string' },
  tls: { type: 'string' },
  out: { type: 'string' },
  reporter: { type: 'string' },
  concurrency: { type: 'string' },
  'timeout-ms': { type: 'string' },
  strict: { type: 'boolean' },
  slow: { type: 'boolean' },
  verbose: { type: 'boolean' },
  helo: { type: 'string' },
  from: { type: 'string' },
  rcpt: { type: 'string' },
  rcpt2: { type: 'string' },
  'rcpt-pattern': { type: 'string' },
  'foreign-domain': { type: 'string' },
  'mx-domain': { type: 'string' },
  'auth-user': { type: 'string' },
  'auth-pass': { type: 'string' },
  container: { type: 'string' },
  dockerfile: { type: 'string' },
  port: { type: 'string' },
  env: { type: 'string', multiple: true },
  'startup-timeout-ms': { type: 'string' },
  shard: { type: 'string' },
  baseline: { type: 'string' },
};

/** Options of `smtpspec list`. */
export const LIST_OPTIONS: Options = { ...SELECTION, json: { type: 'boolean' } };
/** Options of `smtpspec coverage`. */
export const COVERAGE_OPTIONS: Options = {
  suite: SELECTION.suite as Options[string],
  json: { type: 'boolean' },
};

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Parses `argv` strictly; unknown options and missing values become UsageErrors. */
export function parseCommandLine(
  command: string,
  argv: readonly string[],
  options: Options,
): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (err) {
    const message = (err as Error).message.split('\n')[0] ?? 'bad arguments';
    throw new UsageError(`${command}: ${message.replace(/\. To specify a positional.*$/, '')}`);
  }
}

function strings(value: Values[string]): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Splits positionals, `--suite` and `--case` into a selection. */
export function readSelection(values: Values, positionals: readonly string[]): SelectionArgs {
  const suites = strings(values.suite);
  const files = suites.filter(looksLikeSuiteFile);
  const suiteIds = suites.filter((s) => !looksLikeSuiteFile(s));
  return { prefixes: [...positionals], globs: strings(values.case), files, suiteIds };
}

/** An integer option within bounds, e.g. `--concurrency 8`. */
export function readInteger(
  value: Values[string],
  flag: string,
  min: number,
  max: number,
  fallback: number,
): number {
  return intFlag(value === undefined ? undefined : String(value), flag, min, max) ?? fallback;
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
}

/** Where reports go without `--out`. */
export const DEFAULT_OUT_DIR = './smtpspec-report';
/** Reporters without `--reporter`: all of them. */
export const DEFAULT_REPORTERS = 'console,junit,json,html';

const text = (v: Values[string]) => (typeof v === 'string' ? v : undefined);

function readBaselinePath(values: Values): string | undefined {
  const file = text(values.baseline);
  if (file === '') throw new UsageError('--baseline: expected a results.json file');
  return file;
}

function readTls(values: Values): 'none' | 'implicit' {
  const tls = text(values.tls) ?? 'none';
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

const PROFILE_FLAGS = [
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

function readProfile(values: Values): ProfileFlags {
  const profile: ProfileFlags = {};
  for (const [key, flag] of PROFILE_FLAGS) {
    const v = text(values[flag]);
    if (v !== undefined) profile[key] = v;
  }
  checkProfileFlags(profile);
  return profile;
}

/** `--container`/`--dockerfile` and their options; a container option alone is a mistake. */
export function readContainer(values: Values): ContainerTargetSpec | undefined {
  const image = text(values.container);
  const dockerfile = text(values.dockerfile);
  const extras = ['port', 'env', 'startup-timeout-ms'].filter((k) => values[k] !== undefined);
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
  const port = text(values.port);
  if (port !== undefined) spec.port = parsePort(port, '--port');
  spec.env = parseEnvAssignments(strings(values.env));
  const startup = values['startup-timeout-ms'];
  if (startup !== undefined) {
    spec.startupTimeoutMs = readInteger(startup, '--startup-timeout-ms', 1000, 3_600_000, 0);
  }
  checkContainerSpec(spec);
  return spec;
}

/** Parses and checks the arguments of `smtpspec run`. */
export function readRunArgs(argv: readonly string[]): RunArgs {
  const { values, positionals } = parseCommandLine('run', argv, RUN_OPTIONS);
  const tls = readTls(values);
  const profile = readProfile(values);
  const out = text(values.out) ?? DEFAULT_OUT_DIR;
  if (out === '') throw new UsageError('--out: expected a directory, got an empty string');
  const timeout = values['timeout-ms'];
  return {
    selection: readSelection(values, positionals),
    target: typeof values.target === 'string' ? parseTarget(values.target) : undefined,
    tls,
    out,
    reporters: parseReporterList(text(values.reporter) ?? DEFAULT_REPORTERS),
    concurrency: readInteger(values.concurrency, '--concurrency', 1, 64, DEFAULT_CONCURRENCY),
    stepTimeoutMs: readInteger(timeout, '--timeout-ms', 50, 600_000, DEFAULT_STEP_TIMEOUT_MS),
    strict: values.strict === true,
    slow: values.slow === true,
    verbose: values.verbose === true,
    profile,
    container: readContainer(values),
    shard: text(values.shard) === undefined ? undefined : parseShard(text(values.shard)!),
    baseline: readBaselinePath(values),
  };
}
