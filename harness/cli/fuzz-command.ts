/**
 * `smtpspec fuzz` and `smtpspec replay`. Exit status: 0 nothing found / replay passed,
 * 1 something found / replay failed, 2 bad usage or configuration (one line on stderr).
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { describeError, ERROR_CODES, hasErrorCode, UsageError } from '../errors.ts';
import { type CampaignResult, runCampaign } from '../fuzz/campaign.ts';
import { summaryOf } from '../fuzz/reproducer.ts';
import type { FuzzProfile } from '../fuzz/session-arbitrary.ts';
import { CampaignStats } from '../fuzz/stats.ts';
import { externalTarget, type FuzzTarget, startReferenceTarget } from '../fuzz/target.ts';
import { probeTarget } from '../runner/probe.ts';
import {
  checkProfileFlags,
  type DiscoveredProfile,
  type ProfileFlags,
  REFERENCE_PROFILE,
  resolveProfile,
  serverDomainOf,
} from '../runner/profile.ts';
import { discoverRecipient } from '../runner/recipient-discovery.ts';
import { formatAddress, parseTarget } from '../runner/target.ts';
import { parseShard, type Shard } from '../shard/shard.ts';
import { intFlag } from './args.ts';
import { writeFuzzOutput } from './fuzz-output.ts';
import { startProgress, wantsProgress } from './fuzz-progress.ts';
import { processIo, type StreamIo } from './io.ts';
import { replayCommand } from './replay-command.ts';

/** Usage text of `smtpspec fuzz`, for the CLI help. */
export const FUZZ_USAGE = `smtpspec fuzz [--target HOST:PORT] [--seconds N | --runs N] [--seed N]
              [--concurrency N] [--shard I/N] [--out DIR] [--lenient] [--timeout-ms N]
              [--helo NAME] [--from MAILBOX] [--rcpt MAILBOX] [--foreign-domain DOMAIN]
  Property-based fuzzing of SMTP sessions. A failure (crash, hang, malformed reply,
  desync, smuggling, open relay, model violation) is shrunk to the shortest sequence
  and saved as a scenario file under DIR/reproducers (default ./smtpspec-fuzz).
  Default: --seconds 30, a random seed (printed), --concurrency 1, --timeout-ms 2000.
  --lenient turns model disagreements into warnings. Exit 1 when something was found.
`;

/** Usage text of `smtpspec replay`. */
export const REPLAY_USAGE = `smtpspec replay FILE [--target HOST:PORT] [--timeout-ms N] [--out DIR]
  Runs a saved reproducer (or any suite file) once, one case after the other.
  Exit 0 when every case passes, 1 otherwise.
`;

/** Exit status after Ctrl-C or SIGTERM (128 + SIGINT), as for `smtpspec run`. */
export const EXIT_INTERRUPTED = 130;

const FUZZ_OPTIONS = {
  target: { type: 'string' },
  seconds: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  concurrency: { type: 'string' },
  shard: { type: 'string' },
  out: { type: 'string' },
  lenient: { type: 'boolean' },
  'timeout-ms': { type: 'string' },
  helo: { type: 'string' },
  from: { type: 'string' },
  rcpt: { type: 'string' },
  'foreign-domain': { type: 'string' },
} as const;

/** Validated `fuzz` arguments. */
export interface FuzzArgs {
  target: { host: string; port: number } | undefined;
  seconds: number | undefined;
  runs: number | undefined;
  seed: number;
  concurrency: number;
  /** `--shard I/N`: this run's share of the seed streams of `seed`. */
  shard: Shard | undefined;
  out: string;
  lenient: boolean;
  timeoutMs: number;
  profile: ProfileFlags;
}

/** Parses `smtpspec fuzz` arguments; bad ones throw a one-line UsageError. */
export function readFuzzArgs(argv: readonly string[]): FuzzArgs {
  let values: Partial<Record<keyof typeof FUZZ_OPTIONS, string | boolean>>;
  try {
    values = parseArgs({
      args: [...argv],
      options: FUZZ_OPTIONS,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new UsageError(
      `fuzz: ${describeError(err).replace(/\. To specify a positional.*$/, '')}`,
    );
  }
  const str = (k: keyof typeof FUZZ_OPTIONS) =>
    typeof values[k] === 'string' ? (values[k] as string) : undefined;
  const seconds = intFlag(str('seconds'), '--seconds', 1, 7 * 24 * 3600);
  const runs = intFlag(str('runs'), '--runs', 1, 1_000_000_000);
  if (seconds !== undefined && runs !== undefined)
    throw new UsageError('fuzz: give --seconds or --runs, not both');
  const profile: ProfileFlags = {};
  for (const [key, flag] of [
    ['helo', 'helo'],
    ['from', 'from'],
    ['rcpt', 'rcpt'],
    ['foreignDomain', 'foreign-domain'],
  ] as const) {
    const v = str(flag);
    if (v !== undefined) profile[key] = v;
  }
  checkProfileFlags(profile);
  const out = str('out') ?? './smtpspec-fuzz';
  if (out === '') throw new UsageError('--out: expected a directory, got an empty string');
  return {
    target: str('target') === undefined ? undefined : parseTarget(str('target') ?? ''),
    seconds: seconds ?? (runs === undefined ? 30 : undefined),
    runs,
    seed: intFlag(str('seed'), '--seed', 0, 2 ** 32 - 1) ?? randomInt(2 ** 32),
    concurrency: intFlag(str('concurrency'), '--concurrency', 1, 64) ?? 1,
    shard: str('shard') === undefined ? undefined : parseShard(str('shard') ?? ''),
    out,
    lenient: values.lenient === true,
    timeoutMs: intFlag(str('timeout-ms'), '--timeout-ms', 50, 600_000) ?? 2000,
    profile,
  };
}

/** The fuzz profile: the runner's profile rules, recipients deduplicated. */
export function fuzzProfile(
  flags: ProfileFlags,
  builtIn: boolean,
  serverDomain: string,
  discovered?: DiscoveredProfile,
): FuzzProfile {
  const { values, unavailable } = resolveProfile(flags, {
    builtIn,
    serverDomain,
    ...(discovered ? { discovered } : {}),
  });
  const postmaster = unavailable.domain === undefined ? [`postmaster@${values.domain}`] : [];
  const recipients = [...new Set([values.rcpt, values.rcpt2, ...postmaster])];
  return { helo: values.helo, from: values.from, recipients, foreign: values.foreign };
}

function printResult(
  result: CampaignResult,
  out: string,
  reproducers: string[],
  io: StreamIo,
): void {
  const seconds = result.durationMs / 1000;
  result.findings.forEach((f, i) => {
    io.stdout(
      `\nFAIL ${summaryOf(f)}\n  seed ${f.seed >>> 0}, path ${f.path}, seen ${f.occurrences}x\n`,
    );
    io.stdout(`  reproducer: ${reproducers[i] ?? '(not written)'}\n  shrunk sequence:\n`);
    for (const [n, c] of f.commands.entries()) io.stdout(`    ${n + 1}. ${c}\n`);
  });
  for (const w of result.warnings) io.stdout(`warn ${w.message} (${w.count}x)\n`);
  if (result.targetLost) io.stdout(`error ${result.targetLost}\n`);
  const rate = seconds > 0 ? (result.runs / seconds).toFixed(1) : '0';
  io.stdout(
    `\n${result.runs} runs in ${seconds.toFixed(1)} s (${rate} runs/s), ${result.distinctReplies} distinct replies, ` +
      `${result.findings.length} finding(s), ${result.warnings.length} warning(s); report in ${out}\n`,
  );
}

async function fuzz(args: FuzzArgs, io: StreamIo): Promise<number> {
  const reference = args.target ? undefined : await startReferenceTarget();
  const target: FuzzTarget =
    reference ?? externalTarget(args.target ?? { host: '127.0.0.1', port: 25 });
  try {
    const address = target.address();
    if (reference)
      io.stderr(
        `smtpspec: no --target: fuzzing the bundled reference MTA on ${formatAddress(address)}\n`,
      );
    const helo = args.profile.helo ?? 'client.smtpspec.test';
    const probe = await probeTarget(address, {
      address: formatAddress(address),
      tls: 'none',
      helo,
      timeoutMs: args.timeoutMs,
    });
    const serverDomain = serverDomainOf(probe.target.greeting, address.host);
    // Like `run`: without --rcpt, the campaign uses the postmaster the server accepts.
    const discovery =
      target.builtIn || args.profile.rcpt !== undefined
        ? undefined
        : await discoverRecipient(
            address,
            [serverDomain, ...(probe.ehloDomain ? [probe.ehloDomain] : [])],
            {
              tls: 'none',
              helo,
              from: args.profile.from ?? REFERENCE_PROFILE.from,
              timeoutMs: args.timeoutMs,
            },
          );
    if (discovery) io.stderr(`smtpspec: ${discovery.note}\n`);
    const profile = fuzzProfile(args.profile, target.builtIn, serverDomain, discovery?.recipient);
    io.stderr(
      `smtpspec: fuzz seed ${args.seed} (replay the same sequences with --seed ${args.seed})\n`,
    );
    const stats = new CampaignStats();
    const stop = wantsProgress(io.stderrIsTty) ? startProgress(stats, io.stderr) : () => undefined;
    const startedAt = new Date();
    // Ctrl-C or SIGTERM ends the campaign early; the results found so far are still written.
    // A second signal has the default effect.
    const interrupt = new AbortController();
    const onSignal = () => interrupt.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let result: CampaignResult;
    try {
      result = await runCampaign({
        signal: interrupt.signal,
        target,
        profile,
        seed: args.seed,
        stats,
        concurrency: args.concurrency,
        ...(args.shard === undefined ? {} : { shard: args.shard }),
        replyTimeoutMs: args.timeoutMs,
        lenient: args.lenient,
        ...(args.runs === undefined ? {} : { runs: args.runs }),
        ...(args.seconds === undefined ? {} : { seconds: args.seconds }),
      });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stop();
    }
    const info = {
      target: probe.target,
      startedAt,
      concurrency: args.concurrency,
      lenient: args.lenient,
      ...(args.shard === undefined ? {} : { shard: args.shard }),
    };
    const reproducers = await writeFuzzOutput(args.out, result, info);
    printResult(result, args.out, reproducers, io);
    if (interrupt.signal.aborted) return EXIT_INTERRUPTED;
    return result.findings.length > 0 || result.targetLost !== undefined ? 1 : 0;
  } finally {
    await reference?.stop();
  }
}

/** Maps an error to the exit status and one line on stderr. */
function failWith(err: unknown, io: StreamIo): number {
  if (hasErrorCode(err, ERROR_CODES.usage))
    io.stderr(`smtpspec: ${describeError(err)} (see smtpspec --help)\n`);
  else if (hasErrorCode(err, ERROR_CODES.config) || hasErrorCode(err, ERROR_CODES.connect))
    io.stderr(`smtpspec: ${describeError(err)}\n`);
  else io.stderr(`smtpspec: internal error: ${describeError(err)} (this is a bug in smtpspec)\n`);
  return 2;
}

/** `smtpspec fuzz ARGS` (arguments after the command name); resolves to the exit status. */
export async function fuzzMain(argv: string[], io: StreamIo = processIo()): Promise<number> {
  try {
    return await fuzz(readFuzzArgs(argv), io);
  } catch (err) {
    return failWith(err, io);
  }
}

/** `smtpspec replay FILE ...` (arguments after the command name); resolves to the exit status. */
export async function replayMain(argv: string[], io: StreamIo = processIo()): Promise<number> {
  try {
    return await replayCommand(argv, io);
  } catch (err) {
    return failWith(err, io);
  }
}
