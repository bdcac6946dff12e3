/**
 * The fuzzer's figures, each part bounded in time:
 *
 * - `speed`: runs per second of one fuzz worker (oracles on, `--lenient` so the sink's
 *   answers are warnings) against Postfix's smtp-sink, and sessions per second of Postfix's
 *   own load generator smtp-source (one session at a time) against the same sink, taking
 *   turns in the same run, both through the port published on 127.0.0.1 (smtp-source runs
 *   in a container on the host's network). Needs Docker.
 * - `profile`: where the time of those runs goes: the same campaign for N seconds under the
 *   V8 profiler, the client's CPU by area and the time spent waiting. Needs Docker.
 * - `feedback`: (state, command, reply) triples reached in N seconds against the bundled
 *   reference MTA, with state feedback and without, one after the other from one seed.
 * - `bugs`: each of the five deep planted defects of the test MTA, fuzzed from its
 *   registry seed for N seconds: time to the first failure, the finding, its lines.
 *
 *   npx node bench/fuzz.ts [--part speed,profile,feedback,bugs] [--seconds N] [--rounds N] [--seed N]
 */
import { execFileSync } from 'node:child_process';
import { Session } from 'node:inspector';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GenericContainer, type StartedTestContainer } from 'testcontainers';
import { DEFECTS, type DefectName } from '../fixtures/test-mta/defects/index.ts';
import { startTestMta } from '../fixtures/test-mta/test-mta.ts';
import { intFlag } from '../harness/cli/args.ts';
import { fuzzProfile } from '../harness/cli/fuzz-command.ts';
import { type CampaignResult, runCampaign } from '../harness/fuzz/campaign.ts';
import { lineCount } from '../harness/fuzz/reproducer.ts';
import type { FuzzProfile } from '../harness/fuzz/session-arbitrary.ts';
import { CampaignStats } from '../harness/fuzz/stats.ts';
import { externalTarget, type FuzzTarget, startReferenceTarget } from '../harness/fuzz/target.ts';
import { probeTarget } from '../harness/runner/probe.ts';
import type { TargetAddress } from '../harness/runner/target.ts';
import { ensureImage } from '../harness/targets/images.ts';
import { POSTFIX_CONTEXT, POSTFIX_IMAGE } from '../harness/targets/postfix.ts';
import { SmtpContainer } from '../harness/targets/smtp-container.ts';
import { onCleanup, runCleanup } from './lib/cleanup.ts';
import { type CpuProfile, summariseProfile } from './lib/cpu-profile.ts';
import { dockerOrSkip } from './lib/docker-gate.ts';
import { runSmtpSource } from './lib/smtp-source.ts';
import { fixed, median, table } from './lib/stats.ts';

/** The deep defects the issue named, found by the fuzzer from their registry seeds. */
const DEEP_DEFECTS: readonly DefectName[] = [
  'rfc5321-crash-on-many-mail-params',
  'rfc5321-crash-on-rset-after-200-rcpts',
  'rfc5321-crash-on-rcpt-param-without-value',
  'rfc3030-crash-on-empty-chunk',
  'rfc4954-hang-on-malformed-base64',
];

const SINK_PORT = 2525;

/** `load average: 5.1, 6.0, 6.2` now: the machine is shared, so figures carry it. */
function load(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' })
      .replace(/^.*load average:\s*/, '')
      .trim();
  } catch {
    return 'n/a';
  }
}

/** What the target's EHLO offers: the fuzzer's parameter dictionary, as the CLI learns it. */
async function extensionsOf(address: TargetAddress): Promise<string[]> {
  const probe = await probeTarget(address, {
    address: `${address.host}:${address.port}`,
    tls: 'none',
    helo: 'client.smtpspec.test',
    timeoutMs: 5000,
  });
  return probe.target.ehlo;
}

function campaign(
  target: FuzzTarget,
  profile: FuzzProfile,
  o: {
    seed: number;
    seconds: number;
    feedback?: boolean;
    lenient?: boolean;
    stats?: CampaignStats;
  },
): Promise<CampaignResult> {
  return runCampaign({
    target,
    profile,
    seed: o.seed,
    seconds: o.seconds,
    lenient: o.lenient ?? true,
    // A throughput or coverage figure must not stop at findings; shrinking stays short.
    maxFindings: 1000,
    shrinkSeconds: 1,
    ...(o.feedback === undefined ? {} : { feedback: o.feedback }),
    ...(o.stats ? { stats: o.stats } : {}),
  });
}

/** Replies per run: how much each run does. */
function repliesPerRun(r: CampaignResult): number {
  const replies = Object.values(r.replies).reduce((a, b) => a + b, 0);
  return r.runs > 0 ? replies / r.runs : 0;
}

async function startSink(): Promise<{ sink: TargetAddress; source: StartedTestContainer }> {
  await ensureImage(POSTFIX_IMAGE, POSTFIX_CONTEXT);
  const sink = await new SmtpContainer(POSTFIX_IMAGE, SINK_PORT)
    .withEntrypoint(['/usr/sbin/smtp-sink'])
    // -c: count sessions; 0.0.0.0 inside the container, published on 127.0.0.1 only.
    .withCommand(['-c', '-u', 'nobody', `0.0.0.0:${SINK_PORT}`, '1024'])
    .start();
  onCleanup(() => sink.stop());
  // On the host's network, so smtp-source goes through the same published port as we do.
  const source = await new GenericContainer(POSTFIX_IMAGE)
    .withNetworkMode('host')
    .withEntrypoint(['sleep'])
    .withCommand(['infinity'])
    .start();
  onCleanup(() => source.stop());
  return { sink: { host: sink.getSmtpHost(), port: sink.getSmtpPort() }, source };
}

export async function speedPart(o: {
  seconds: number;
  rounds: number;
  seed: number;
}): Promise<string> {
  if (!(await dockerOrSkip('bench/fuzz.ts speed'))) return '';
  const { sink, source } = await startSink();
  const profile: FuzzProfile = {
    ...fuzzProfile({ rcpt: 'alice@sink.smtpspec.test' }, false, 'sink.smtpspec.test'),
    extensions: await extensionsOf(sink),
  };
  const rows: string[][] = [];
  const sessions: number[] = [];
  const runs: number[] = [];
  for (let round = 1; round <= o.rounds; round++) {
    const loadBefore = load();
    const src = await runSmtpSource(source, {
      target: `127.0.0.1:${sink.port}`,
      sessions: 1,
      messages: 3000,
      size: 100,
      from: 'sender@client.smtpspec.test',
      to: 'alice@sink.smtpspec.test',
      helo: 'client.smtpspec.test',
      timeoutS: 120,
    });
    const fuzz = await campaign(externalTarget(sink), profile, {
      seed: o.seed + round,
      seconds: o.seconds,
    });
    const rate = fuzz.runs / (fuzz.durationMs / 1000);
    sessions.push(src.messagesPerSecond);
    runs.push(rate);
    rows.push([
      String(round),
      fixed(src.messagesPerSecond, 0),
      fixed(rate, 0),
      fixed(rate / src.messagesPerSecond, 2),
      fixed(repliesPerRun(fuzz), 1),
      loadBefore,
    ]);
  }
  const ratio = median(runs) / median(sessions);
  return [
    `fuzz against smtp-sink, one worker, oracles on (${o.seconds} s a round), and smtp-source -s 1 (3000 sessions a round):`,
    table([
      ['round', 'smtp-source sessions/s', 'fuzz runs/s', 'ratio', 'replies/run', 'load before'],
      ...rows,
    ]),
    `median: smtp-source ${fixed(median(sessions), 0)} sessions/s, fuzz ${fixed(median(runs), 0)} runs/s: ${fixed(ratio, 2)}x`,
  ].join('\n');
}

/** Coarse areas of the client's own CPU time, by the place the profile names. */
const AREAS: readonly [string, (place: string) => boolean][] = [
  ['generating commands (fast-check)', (p) => p.startsWith('node_modules/fast-check')],
  ['fuzz driver, model, oracles, arbitraries', (p) => p.startsWith('harness/fuzz/')],
  ['client session and wire codec', (p) => /^harness\/(client|wire)\//.test(p)],
  ['judging replies', (p) => p.startsWith('harness/judge/')],
  ['garbage collector', (p) => p === '(garbage collector)'],
  ['sockets and timers (Node internals, native)', (p) => /^(node:|\(native\))/.test(p)],
];

/**
 * Where a fuzz run's time goes against smtp-sink, one worker (as `speed`): the campaign
 * runs in this process under the V8 profiler (node:inspector). Wall time per run splits
 * into the client's CPU (by area) and waiting (the profiler's idle samples: the sink's
 * replies, the loopback, connection set-up).
 */
export async function profilePart(o: { seconds: number; seed: number }): Promise<string> {
  if (!(await dockerOrSkip('bench/fuzz.ts profile'))) return '';
  const { sink } = await startSink();
  const profile: FuzzProfile = {
    ...fuzzProfile({ rcpt: 'alice@sink.smtpspec.test' }, false, 'sink.smtpspec.test'),
    extensions: await extensionsOf(sink),
  };
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  const loadBefore = load();
  const cpuBefore = process.cpuUsage();
  await post('Profiler.start');
  const r = await campaign(externalTarget(sink), profile, { seed: o.seed, seconds: o.seconds });
  const { profile: cpu } = (await post('Profiler.stop')) as { profile: CpuProfile };
  const cpuUsed = process.cpuUsage(cpuBefore);
  session.disconnect();
  const wallMs = r.durationMs;
  const perRun = (ms: number) => fixed((ms / Math.max(1, r.runs)) * 1000, 0);
  const { places, idleMs } = summariseProfile(cpu, fileURLToPath(new URL('..', import.meta.url)));
  const busyMs = places.reduce((sum, [, ms]) => sum + ms, 0);
  const rows = AREAS.map(([name, match]) => {
    const ms = places.filter(([p]) => match(p)).reduce((sum, [, v]) => sum + v, 0);
    return [name, perRun(ms), `${fixed((100 * ms) / wallMs, 0)} %`];
  });
  const known = AREAS.reduce(
    (sum, [, match]) => sum + places.filter(([p]) => match(p)).reduce((a, [, v]) => a + v, 0),
    0,
  );
  rows.push(['other', perRun(busyMs - known), `${fixed((100 * (busyMs - known)) / wallMs, 0)} %`]);
  rows.push([
    'waiting (idle: replies, loopback, connects)',
    perRun(idleMs),
    `${fixed((100 * idleMs) / wallMs, 0)} %`,
  ]);
  const processCpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
  return [
    `where a fuzz run's time goes against smtp-sink, one worker, ${o.seconds} s under the profiler (${r.runs} runs, ` +
      `${fixed(r.runs / (wallMs / 1000), 0)} runs/s with the profiler on, ${fixed(repliesPerRun(r), 1)} replies/run; load before ${loadBefore}):`,
    table([['where', 'µs per run', 'share of wall time'], ...rows]),
    `process CPU (user + system, this process): ${perRun(processCpuMs)} µs per run, ${fixed((100 * processCpuMs) / wallMs, 0)} % of wall time`,
    'top places (self time):',
    table([['place', 'µs per run'], ...places.slice(0, 12).map(([p, ms]) => [p, perRun(ms)])]),
  ].join('\n');
}

export async function feedbackPart(o: { seconds: number; seed: number }): Promise<string> {
  const reference = await startReferenceTarget();
  onCleanup(() => reference.stop());
  const profile: FuzzProfile = {
    ...fuzzProfile({}, true, 'mx.smtpspec.test'),
    extensions: await extensionsOf(reference.address()),
  };
  const rows: string[][] = [];
  let with_ = 0;
  let without = 0;
  for (const feedback of [true, false]) {
    const loadBefore = load();
    const r = await campaign(reference, profile, {
      seed: o.seed,
      seconds: o.seconds,
      feedback,
      lenient: false,
    });
    if (feedback) with_ = r.coverage.triples;
    else without = r.coverage.triples;
    rows.push([
      feedback ? 'with feedback' : 'without',
      String(r.coverage.triples),
      String(r.runs),
      fixed(r.runs / (r.durationMs / 1000), 1),
      String(r.coverage.corpus),
      String(r.findings.length),
      loadBefore,
    ]);
  }
  return [
    `(state, command, reply) triples reached in ${o.seconds} s against the bundled reference MTA (seed ${o.seed}):`,
    table([
      ['campaign', 'triples', 'runs', 'runs/s', 'corpus', 'findings', 'load before'],
      ...rows,
    ]),
    `triples: ${with_} with feedback, ${without} without`,
  ].join('\n');
}

export async function bugsPart(o: { seconds: number }): Promise<string> {
  const rows: string[][] = [];
  for (const name of DEEP_DEFECTS) {
    const fuzz = DEFECTS[name].caughtBy.fuzz;
    const seed = fuzz?.seed ?? 1;
    const mta = await startTestMta({ defects: [name], keepMessages: false });
    const profile: FuzzProfile = {
      ...fuzzProfile({}, true, 'mx.smtpspec.test'),
      extensions: await extensionsOf(mta.address()),
    };
    const stats = new CampaignStats();
    const started = performance.now();
    let firstFailure: number | undefined;
    const watch = setInterval(() => {
      if (firstFailure === undefined && stats.failures > 0)
        firstFailure = performance.now() - started;
    }, 20);
    const loadBefore = load();
    const r = await runCampaign({
      target: mta,
      profile,
      seed,
      seconds: o.seconds,
      maxFindings: 10,
      stats,
    });
    clearInterval(watch);
    await mta.stop();
    const f = r.findings[0];
    rows.push([
      name,
      String(seed),
      firstFailure === undefined ? 'not found' : `${fixed(firstFailure / 1000, 1)} s`,
      String(r.findings.length),
      f ? `${f.kind} x${f.occurrences}` : '-',
      f ? `${lineCount(f.lines)}: ${f.lines.join(', ')}` : '-',
      loadBefore,
    ]);
  }
  return [
    `deep planted defects, ${o.seconds} s campaigns from their registry seeds (reply timeout 2000 ms):`,
    table([
      ['defect', 'seed', 'first failure', 'findings', 'finding', 'SMTP lines', 'load before'],
      ...rows,
    ]),
  ].join('\n');
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      part: { type: 'string' },
      seconds: { type: 'string' },
      rounds: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const parts = new Set((values.part ?? 'speed,profile,feedback,bugs').split(','));
  const seconds = intFlag(values.seconds, '--seconds', 1, 3600);
  const seed = intFlag(values.seed, '--seed', 0, 2 ** 32 - 1) ?? 2026;
  const out: string[] = [`bench/fuzz.ts, ${new Date().toISOString()}, load ${load()}`];
  try {
    if (parts.has('speed'))
      out.push(
        await speedPart({
          seconds: seconds ?? 10,
          rounds: intFlag(values.rounds, '--rounds', 1, 20) ?? 3,
          seed,
        }),
      );
    if (parts.has('profile')) out.push(await profilePart({ seconds: seconds ?? 10, seed }));
    if (parts.has('feedback')) out.push(await feedbackPart({ seconds: seconds ?? 60, seed }));
    if (parts.has('bugs')) out.push(await bugsPart({ seconds: seconds ?? 60 }));
  } finally {
    // Containers and the reference MTA's worker go, whatever happened.
    await runCleanup();
  }
  process.stdout.write(`${out.filter((x) => x !== '').join('\n\n')}\n`);
}
