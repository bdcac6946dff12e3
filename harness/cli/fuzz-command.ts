/**
 * `smtpspec fuzz` and `smtpspec replay`. Exit status: 0 nothing found / replay passed,
 * 1 something found / replay failed, 2 bad usage or configuration (one line on stderr).
 */
import { randomInt } from 'node:crypto';
import { prepareOutDir } from '../../reports/write.ts';
import { UsageError } from '../errors.ts';
import { type CampaignResult, runCampaign } from '../fuzz/campaign.ts';
import { linesSummary, summaryOf } from '../fuzz/reproducer.ts';
import { commandTarget, containerFuzzTarget } from '../fuzz/restartable-target.ts';
import type { FuzzProfile } from '../fuzz/session-arbitrary.ts';
import { CampaignStats } from '../fuzz/stats.ts';
import { externalTarget, type FuzzTarget, startReferenceTarget } from '../fuzz/target.ts';
import { probeTarget } from '../runner/probe.ts';
import {
  type DiscoveredProfile,
  type ProfileFlags,
  REFERENCE_PROFILE,
  resolveProfile,
  serverDomainOf,
} from '../runner/profile.ts';
import { discoverRecipient } from '../runner/recipient-discovery.ts';
import { isLoopbackHost } from '../runner/send-plan.ts';
import { formatAddress, parseTarget } from '../runner/target.ts';
import { parseShard, type Shard } from '../shard/shard.ts';
import type { ContainerTargetSpec } from '../targets/container-spec.ts';
import {
  CONTAINER_FLAG_TABLE,
  intFlag,
  PROFILE_FLAG_TABLE,
  readContainer,
  readInteger,
  readOutDir,
  readProfile,
} from './args.ts';
import { defineCommand, type FlagTable, type FlagValues, parseCommand } from './command.ts';
import { errorLine } from './error-line.ts';
import { EXIT_INTERRUPTED } from './exit-status.ts';
import { type FuzzRunInfo, replayCommandOf, writeFuzzOutput } from './fuzz-output.ts';
import { startPlainProgress, startProgress, wantsProgress } from './fuzz-progress.ts';
import { processIo, type StreamIo } from './io.ts';
import { REPLAY_FLAGS, replayCommandRun } from './replay-command.ts';

/** Flags of `smtpspec fuzz`. */
export const FUZZ_FLAGS = {
  target: {
    type: 'string',
    value: 'HOST:PORT',
    group: 'The server under test',
    defaultText: 'the bundled reference MTA in a worker thread',
    help: 'server to fuzz; one that is not on this machine needs --remote-ok',
  },
  'restart-cmd': {
    type: 'string',
    value: 'CMD',
    group: 'The server under test',
    defaultText: 'none: a crash of --target ends the campaign and its run is not shrunk',
    help: 'with --target: a shell command (sh -c) that restarts the server after it died, so the failing run can be shrunk',
  },
  ...CONTAINER_FLAG_TABLE,
  'remote-ok': {
    type: 'boolean',
    group: 'The server under test',
    help: 'fuzz a --target that is not on this machine: only a server you operate (a campaign against anyone else is an attack)',
  },
  seconds: {
    type: 'string',
    value: 'N',
    defaultText: '30, unless --runs is given',
    help: 'how long the campaign runs',
  },
  runs: { type: 'string', value: 'N', help: 'how many sessions it runs, instead of --seconds' },
  seed: {
    type: 'string',
    value: 'N',
    defaultText: 'a random seed, printed',
    help: 'the same seed gives the same sequences',
  },
  concurrency: { type: 'string', value: 'N', default: '1', help: 'sessions in parallel, 1-64' },
  shard: {
    type: 'string',
    value: 'I/N',
    help: "this job's share of the seed streams of --seed, for a CI matrix",
  },
  out: {
    type: 'string',
    value: 'DIR',
    default: './smtpspec-fuzz',
    help: 'results.json, and reproducers/ with a scenario file per finding',
  },
  lenient: {
    type: 'boolean',
    help: 'model disagreements are warnings, not findings; BDAT and AUTH are sent to targets that do not offer them',
  },
  'no-feedback': {
    type: 'boolean',
    help: 'fresh runs only: no corpus of runs that reached new (state, command, reply) triples',
  },
  'timeout-ms': {
    type: 'string',
    value: 'N',
    default: '2000',
    help: 'silence after which a reply counts as missing (a hang)',
  },
  helo: PROFILE_FLAG_TABLE.helo,
  from: PROFILE_FLAG_TABLE.from,
  rcpt: PROFILE_FLAG_TABLE.rcpt,
  'foreign-domain': PROFILE_FLAG_TABLE['foreign-domain'],
  'auth-user': {
    ...PROFILE_FLAG_TABLE['auth-user'],
    defaultText:
      'none, and AUTH is sent with made-up credentials; the bundled MTA has its own test user',
    help: 'an account for the AUTH exchanges (RFC 4954), with --auth-pass',
  },
  'auth-pass': PROFILE_FLAG_TABLE['auth-pass'],
} as const satisfies FlagTable;

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
  /** False with `--no-feedback`: fresh runs only. */
  feedback: boolean;
  timeoutMs: number;
  /** `--restart-cmd`: restarts a `--target` that died. */
  restartCmd: string | undefined;
  /** `--container IMAGE` or `--dockerfile DIR`, with its options. */
  container: ContainerTargetSpec | undefined;
  profile: ProfileFlags;
}

/** Parses `smtpspec fuzz` arguments; bad ones throw a one-line UsageError. */
export function readFuzzArgs(argv: readonly string[]): FuzzArgs {
  return fuzzArgsFrom(parseCommand(fuzzCommand, argv).values);
}

/** Checks parsed `smtpspec fuzz` values. */
export function fuzzArgsFrom(values: FlagValues<typeof FUZZ_FLAGS>): FuzzArgs {
  const seconds = intFlag(values.seconds, '--seconds', 1, 7 * 24 * 3600);
  const runs = intFlag(values.runs, '--runs', 1, 1_000_000_000);
  if (seconds !== undefined && runs !== undefined)
    throw new UsageError('fuzz: give --seconds or --runs, not both');
  const profile = readProfile(values);
  const target = values.target === undefined ? undefined : parseTarget(values.target);
  // Checked before any connection: nothing is sent to a server that is not ours.
  if (target !== undefined && !isLoopbackHost(target.host) && !values['remote-ok']) {
    throw new UsageError(
      `--target ${formatAddress(target)} is not on this machine: a fuzz campaign against a server you do not operate is an attack; add --remote-ok if you operate it`,
    );
  }
  const restartCmd = values['restart-cmd'];
  if (restartCmd !== undefined && target === undefined)
    throw new UsageError('--restart-cmd goes with --target (a container is restarted anyway)');
  if (restartCmd?.trim() === '') throw new UsageError('--restart-cmd: expected a shell command');
  return {
    target,
    seconds: seconds ?? (runs === undefined ? 30 : undefined),
    runs,
    seed: intFlag(values.seed, '--seed', 0, 2 ** 32 - 1) ?? randomInt(2 ** 32),
    concurrency: readInteger(values.concurrency, '--concurrency', 1, 64),
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    out: readOutDir(values.out),
    lenient: values.lenient,
    feedback: !values['no-feedback'],
    timeoutMs: readInteger(values['timeout-ms'], '--timeout-ms', 50, 600_000),
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

/** `word` as one shell word: bare when it is safe, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
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
    // Everything that made this target, so the hint replays against the same server.
    const what = [
      spec.image !== undefined ? `--container ${spec.image}` : `--dockerfile ${spec.dockerfile}`,
      ...(spec.port !== undefined ? [`--port ${spec.port}`] : []),
      ...Object.entries(spec.env ?? {}).map(([k, v]) => `--env ${shellWord(`${k}=${v}`)}`),
    ].join(' ');
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
  await prepareOutDir(args.out);
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
    const stop = wantsProgress(io.stderrIsTty)
      ? startProgress(stats, io.stderr)
      : startPlainProgress(stats, io.stderr, io.progressIntervalMs);
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

/** Maps an error to the exit status and one line on stderr (main.ts does the same). */
function failWith(err: unknown, io: StreamIo, command: string): number {
  io.stderr(`${errorLine(err, command)}\n`);
  return 2;
}

/** `smtpspec fuzz`. */
export const fuzzCommand = defineCommand({
  name: 'fuzz',
  summary: 'property-based fuzzing of SMTP sessions (fast-check), findings shrunk',
  usage: '[--target HOST:PORT | --container IMAGE] [options]',
  description:
    "Generates SMTP sessions from the RFC 5321 grammar and a model of SMTP (BDAT and AUTH where the target offers them), guided by the (state, command, reply) triples each run reaches, runs them against the target and shrinks every failure (crash, drop, hang, malformed reply, desync, model violation, smuggling, STARTTLS injection, TLS, open relay) to the shortest sequence: one finding per signature, saved as a scenario file under DIR/reproducers. A target that dies is restarted so its run can be shrunk: the bundled MTA's worker, a fresh container, or --restart-cmd. Without a terminal a progress line is written every few seconds.",
  positionals: { name: 'arguments', min: 0, max: 0 },
  flags: FUZZ_FLAGS,
  examples: [
    'smtpspec fuzz --runs 2000 --seed 7',
    'smtpspec fuzz --target 127.0.0.1:2525 --seconds 600 --concurrency 2 --out fuzz-report',
    "smtpspec fuzz --target 127.0.0.1:2525 --restart-cmd 'systemctl restart my-mta' --seconds 60",
    'smtpspec fuzz --container smtpspec/postfix:3.7 --port 25 --seconds 60 --rcpt alice@postfix.smtpspec.test',
  ],
  exitStatus:
    'Exit status: 0 nothing found; 1 something found; 2 bad usage, an unreachable target or a --target not on this machine without --remote-ok; 130 interrupted (the report is still written).',
  run: ({ values }, io) => fuzz(fuzzArgsFrom(values), io),
});

/** `smtpspec replay`. */
export const replayCommand = defineCommand({
  name: 'replay',
  summary: 'run a saved fuzz reproducer (or any suite file) once',
  usage: 'FILE [--target HOST:PORT] [--timeout-ms N] [--out DIR]',
  description:
    'Runs the cases of a reproducer written by smtpspec fuzz (any suite file works) one after the other, against --target or the bundled reference MTA in a worker thread (a reproducer may crash it). It fails while the bug is there and passes once it is fixed.',
  positionals: { name: 'FILE', min: 1, max: 1 },
  flags: REPLAY_FLAGS,
  examples: ['smtpspec replay smtpspec-fuzz/reproducers/7-drop-mail.json --target 127.0.0.1:2525'],
  exitStatus: 'Exit status: 0 every case passes; 1 otherwise; 2 bad usage or a bad file.',
  run: ({ values, positionals }, io) => replayCommandRun(values, positionals, io),
});

/** `smtpspec fuzz ARGS` (arguments after the command name); resolves to the exit status. */
export async function fuzzMain(argv: string[], io: StreamIo = processIo()): Promise<number> {
  try {
    return await fuzz(readFuzzArgs(argv), io);
  } catch (err) {
    return failWith(err, io, 'fuzz');
  }
}

/** `smtpspec replay FILE ...` (arguments after the command name); resolves to the exit status. */
export async function replayMain(argv: string[], io: StreamIo = processIo()): Promise<number> {
  try {
    const { values, positionals } = parseCommand(replayCommand, argv);
    return await replayCommandRun(values, positionals, io);
  } catch (err) {
    return failWith(err, io, 'replay');
  }
}
