/**
 * `smtpspec fuzz` and `smtpspec replay`. Exit status: 0 nothing found / replay passed,
 * 1 something found / replay failed, 2 bad usage or configuration (one line on stderr).
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { describeError, ERROR_CODES, hasErrorCode, UsageError } from '../errors.ts';
import { type CampaignResult, runCampaign } from '../fuzz/campaign.ts';
import { linesSummary, summaryOf } from '../fuzz/reproducer.ts';
import { commandTarget, containerFuzzTarget } from '../fuzz/restartable-target.ts';
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
import type { ContainerTargetSpec } from '../targets/container-spec.ts';
import { intFlag, readContainer } from './args.ts';
import { type FuzzRunInfo, replayCommandOf, writeFuzzOutput } from './fuzz-output.ts';
import { startProgress, wantsProgress } from './fuzz-progress.ts';
import { processIo, type StreamIo } from './io.ts';
import { replayCommand } from './replay-command.ts';

/** Usage text of `smtpspec fuzz`, for the CLI help. */
export const FUZZ_USAGE = `smtpspec fuzz [--target HOST:PORT [--restart-cmd CMD] | --container IMAGE | --dockerfile DIR]
              [--seconds N | --runs N] [--seed N] [--concurrency N] [--shard I/N]
              [--out DIR] [--lenient] [--no-feedback] [--timeout-ms N]
              [--helo NAME] [--from MAILBOX] [--rcpt MAILBOX] [--foreign-domain DOMAIN]
              [--auth-user USER --auth-pass PASS] [--port N] [--env K=V ...]
  Property-based fuzzing of SMTP sessions, guided by the (state, command, reply) triples
  each run reaches. A failure (crash, hang, malformed reply, desync, smuggling, open
  relay, model violation) is shrunk to the shortest sequence, one finding per signature,
  and saved as a scenario file under DIR/reproducers (default ./smtpspec-fuzz).
  A target that dies is restarted so its failure can be shrunk: the bundled MTA's worker,
  a fresh --container, or --restart-cmd CMD (run with sh -c) for --target.
  Default: --seconds 30, a random seed (printed), --concurrency 1, --timeout-ms 2000.
  --lenient turns model disagreements into warnings and sends BDAT and AUTH to targets
  that do not offer them. Exit 1 when something was found.
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
  'no-feedback': { type: 'boolean' },
  'restart-cmd': { type: 'string' },
  container: { type: 'string' },
  dockerfile: { type: 'string' },
  port: { type: 'string' },
  env: { type: 'string', multiple: true },
  'startup-timeout-ms': { type: 'string' },
  helo: { type: 'string' },
  from: { type: 'string' },
  rcpt: { type: 'string' },
  'foreign-domain': { type: 'string' },
  'auth-user': { type: 'string' },
  'auth-pass': { type: 'string' },
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
  /** State feedback (off with `--no-feedback`). */
  feedback: boolean;
  timeoutMs: number;
  /** `--restart-cmd`: how to bring `--target` back after it died. */
  restartCmd: string | undefined;
  /** `--container` / `--dockerfile` and their options. */
  container: ContainerTargetSpec | undefined;
  profile: ProfileFlags;
}

/** Parses `smtpspec fuzz` arguments; bad ones throw a one-line UsageError. */
export function readFuzzArgs(argv: readonly string[]): FuzzArgs {
  let values: Partial<Record<keyof typeof FUZZ_OPTIONS, string | boolean | string[]>>;
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
    ['authUser', 'auth-user'],
    ['authPass', 'auth-pass'],
  ] as const) {
    const v = str(flag);
    if (v !== undefined) profile[key] = v;
  }
  checkProfileFlags(profile);
  const out = str('out') ?? './smtpspec-fuzz';
  if (out === '') throw new UsageError('--out: expected a directory, got an empty string');
  const restartCmd = str('restart-cmd');
  if (restartCmd !== undefined && str('target') === undefined)
    throw new UsageError('--restart-cmd goes with --target (a container is restarted anyway)');
  if (restartCmd?.trim() === '') throw new UsageError('--restart-cmd: expected a shell command');
  return {
    target: str('target') === undefined ? undefined : parseTarget(str('target') ?? ''),
    seconds: seconds ?? (runs === undefined ? 30 : undefined),
    runs,
    seed: intFlag(str('seed'), '--seed', 0, 2 ** 32 - 1) ?? randomInt(2 ** 32),
    concurrency: intFlag(str('concurrency'), '--concurrency', 1, 64) ?? 1,
    shard: str('shard') === undefined ? undefined : parseShard(str('shard') ?? ''),
    out,
    lenient: values.lenient === true,
    feedback: values['no-feedback'] !== true,
    timeoutMs: intFlag(str('timeout-ms'), '--timeout-ms', 50, 600_000) ?? 2000,
    restartCmd,
    container: readContainer(values),
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
  const profile: FuzzProfile = {
    helo: values.helo,
    from: values.from,
    recipients,
    foreign: values.foreign,
  };
  // The bundled MTA knows the reference account; another server only the one given.
  const user = flags.authUser ?? (builtIn ? REFERENCE_PROFILE.authUser : undefined);
  const pass = flags.authPass ?? (builtIn ? REFERENCE_PROFILE.authPass : undefined);
  if (user !== undefined && pass !== undefined) profile.auth = { user, pass };
  return profile;
}

/** Commands as the console shows them: cut at 160 characters (reports keep them whole). */
function consoleCut(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function printResult(
  result: CampaignResult,
  out: string,
  reproducers: string[],
  info: Pick<FuzzRunInfo, 'replay'>,
  io: StreamIo,
): void {
  const seconds = result.durationMs / 1000;
  result.findings.forEach((f, i) => {
    io.stdout(
      `\nFAIL ${summaryOf(f)}\n  seed ${f.seed >>> 0}, path ${f.path}, seen ${f.occurrences}x; signature: ${f.signature}\n`,
    );
    if (f.unshrunk) io.stdout(`  not shrunk: ${f.unshrunk}\n`);
    const file = reproducers[i];
    io.stdout(`  reproducer: ${file ?? '(not written)'}\n`);
    if (file) io.stdout(`  replay: ${replayCommandOf(info, file)}\n`);
    io.stdout(`  ${linesSummary(f)}\n  sequence (in full in the reproducer and results.json):\n`);
    for (const [n, c] of f.commands.entries()) io.stdout(`    ${n + 1}. ${consoleCut(c)}\n`);
  });
  for (const w of result.warnings) io.stdout(`warn ${w.message} (${w.count}x)\n`);
  if (result.targetLost) io.stdout(`error ${result.targetLost}\n`);
  const rate = seconds > 0 ? (result.runs / seconds).toFixed(1) : '0';
  const { triples, corpus, feedback } = result.coverage;
  io.stdout(
    `\n${result.runs} runs in ${seconds.toFixed(1)} s (${rate} runs/s), ${triples} (state, command, reply) triples` +
      `${feedback ? ` (${corpus} runs kept for feedback)` : ' (no feedback)'}, ${result.distinctReplies} distinct replies, ` +
      `${result.findings.length} finding(s), ${result.warnings.length} warning(s); report in ${out}\n`,
  );
}

/** The target of a campaign, started as the arguments say, and how to stop it. */
interface StartedFuzzTarget {
  target: FuzzTarget;
  /** The replay command of a reproducer file against this target. */
  replay: (file: string) => string;
  image?: string;
  stop(): Promise<void>;
}

async function startFuzzTarget(args: FuzzArgs, io: StreamIo): Promise<StartedFuzzTarget> {
  if (args.container) {
    const spec = args.container;
    const started = await containerFuzzTarget(spec, {
      onProgress: (l) => io.stderr(`smtpspec: ${l}\n`),
    });
    const what =
      spec.image !== undefined ? `--container ${spec.image}` : `--dockerfile ${spec.dockerfile}`;
    return {
      target: started,
      image: started.image,
      replay: (file) => `smtpspec run --suite ${file} ${what}`,
      stop: () => started.stop(),
    };
  }
  if (args.target) {
    const address = args.target;
    const target = args.restartCmd
      ? commandTarget(address, args.restartCmd, args.timeoutMs)
      : externalTarget(address);
    return {
      target,
      replay: (file) => `smtpspec replay ${file} --target ${formatAddress(address)}`,
      stop: async () => undefined,
    };
  }
  const reference = await startReferenceTarget();
  io.stderr(
    `smtpspec: no --target: fuzzing the bundled reference MTA on ${formatAddress(reference.address())}\n`,
  );
  return {
    target: reference,
    replay: (file) => `smtpspec replay ${file}`,
    stop: () => reference.stop(),
  };
}

async function fuzz(args: FuzzArgs, io: StreamIo): Promise<number> {
  const started = await startFuzzTarget(args, io);
  const { target } = started;
  try {
    const address = target.address();
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
    const profile = {
      ...fuzzProfile(args.profile, target.builtIn, serverDomain, discovery?.recipient),
      // The parameter dictionary: what the target's EHLO advertised.
      extensions: probe.target.ehlo,
    };
    io.stderr(
      `smtpspec: fuzz seed ${args.seed} (replay the same sequences with --seed ${args.seed})\n`,
    );
    if (!target.restart)
      io.stderr(
        'smtpspec: note: without --restart-cmd, a crash of --target ends the campaign and its run is not shrunk\n',
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
        feedback: args.feedback,
        ...(args.runs === undefined ? {} : { runs: args.runs }),
        ...(args.seconds === undefined ? {} : { seconds: args.seconds }),
      });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stop();
    }
    const info: FuzzRunInfo = {
      target: started.image ? { ...probe.target, image: started.image } : probe.target,
      startedAt,
      concurrency: args.concurrency,
      lenient: args.lenient,
      replay: started.replay,
      ...(args.shard === undefined ? {} : { shard: args.shard }),
    };
    const reproducers = await writeFuzzOutput(args.out, result, info);
    printResult(result, args.out, reproducers, info, io);
    if (interrupt.signal.aborted) return EXIT_INTERRUPTED;
    return result.findings.length > 0 || result.targetLost !== undefined ? 1 : 0;
  } finally {
    await started.stop();
  }
}

/** Maps an error to the exit status and one line on stderr. */
function failWith(err: unknown, io: StreamIo): number {
  if (hasErrorCode(err, ERROR_CODES.usage))
    io.stderr(`smtpspec: ${describeError(err)} (see smtpspec --help)\n`);
  else if (
    hasErrorCode(err, ERROR_CODES.config) ||
    hasErrorCode(err, ERROR_CODES.connect) ||
    hasErrorCode(err, ERROR_CODES.container)
  )
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
