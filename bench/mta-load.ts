/**
 * Benchmark: the reference MTA against Postfix 3.7 under the same load, side by side.
 *
 * Both run in containers on one Docker network, with a durable queue and local delivery
 * (see bench/lib/mta-targets.ts). Throughput: Postfix's smtp-source from a third container
 * on that network, one connection per message, `SESSIONS` in parallel; rounds alternate
 * which server goes first, after one warm-up run each. "Accepted" counts up to smtp-source's
 * last 250; "delivered" until the server logged the last delivery (the mailbox count is
 * checked afterwards); "CPU" is the server container's CPU time over that whole span
 * (Docker's cgroup counter; nothing else runs in the container meanwhile).
 * Latency: the harness client from this host (bench/lib/latency-client.ts). Memory: the
 * servers' processes, sampled from procfs during the whole run (bench/lib/proc-memory.ts).
 *
 * Run: `node bench/mta-load.ts` (Docker and the base image needed). Knobs:
 * SMTPSPEC_BENCH_MESSAGES, _SESSIONS, _SIZE, _MTA_ROUNDS, _LATENCY_TX.
 */
import { availableParallelism, loadavg } from 'node:os';
import { onCleanup, runCleanup } from './lib/cleanup.ts';
import { containerCpuNs } from './lib/container-cpu.ts';
import { dockerOrSkip } from './lib/docker-gate.ts';
import { envInt } from './lib/env.ts';
import { type LatencyResult, measureLatency, messageOf } from './lib/latency-client.ts';
import { type MemoryPeaks, MemorySampler } from './lib/memory-sampler.ts';
import { type BenchSetup, type BenchTarget, startBenchTargets } from './lib/mta-targets.ts';
import type { MemoryTotals } from './lib/proc-memory.ts';
import { runSmtpSource } from './lib/smtp-source.ts';
import { fixed, median, mib, percentile, table } from './lib/stats.ts';

const MESSAGES = envInt('SMTPSPEC_BENCH_MESSAGES', 2000, 10, 100_000);
const SESSIONS = envInt('SMTPSPEC_BENCH_SESSIONS', 20, 1, 200);
const SIZE = envInt('SMTPSPEC_BENCH_SIZE', 2048, 0, 1_000_000);
const ROUNDS = envInt('SMTPSPEC_BENCH_MTA_ROUNDS', 3, 1, 10);
const LATENCY_TX = envInt('SMTPSPEC_BENCH_LATENCY_TX', 800, 8, 20_000);
const LATENCY_SESSIONS = 8;
const WARMUP_MESSAGES = 200;
const DRAIN_TIMEOUT_MS = 120_000;
const RUN_TIMEOUT_S = 300;

interface TargetFigures {
  acceptedPerS: number[];
  deliveredPerS: number[];
  cpuMsPerMessage: number[];
  idle?: MemoryTotals;
  latency?: LatencyResult;
  memory?: MemoryPeaks;
}

const log = (line: string) => console.log(`mta-load: ${line}`);

/** Waits until the log shows `expected` deliveries; resolves with when that was seen. */
async function drained(target: BenchTarget, expected: number): Promise<number> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (target.delivered() < expected) {
    if (Date.now() > deadline) {
      throw new Error(
        `${target.name}: ${target.delivered()} of ${expected} deliveries logged after ${DRAIN_TIMEOUT_MS / 1000} s`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now();
}

async function throughputRun(setup: BenchSetup, target: BenchTarget, messages: number) {
  await target.emptyMailbox();
  const before = target.delivered();
  const cpuBefore = await containerCpuNs(target.container);
  const started = performance.now();
  const run = await runSmtpSource(setup.client, {
    target: target.networkTarget,
    sessions: SESSIONS,
    messages,
    size: SIZE,
    from: 'sender@client.smtpspec.test',
    to: target.rcpt,
    helo: 'client.smtpspec.test',
    timeoutS: RUN_TIMEOUT_S,
  });
  const done = await drained(target, before + messages);
  const cpuMs = ((await containerCpuNs(target.container)) - cpuBefore) / 1e6;
  // The log said so; the mailbox must agree (checked after the CPU reading).
  const inMailbox = await target.mailboxCount();
  if (inMailbox !== messages) {
    throw new Error(`${target.name}: ${inMailbox} messages in the mailbox, expected ${messages}`);
  }
  return {
    accepted: run.messagesPerSecond,
    delivered: (messages * 1000) / (done - started),
    cpuMsPerMessage: cpuMs / messages,
  };
}

async function latencyRun(target: BenchTarget): Promise<LatencyResult> {
  const perSession = Math.ceil(LATENCY_TX / LATENCY_SESSIONS);
  return measureLatency({
    host: target.container.getSmtpHost(),
    port: target.container.getSmtpPort(),
    sessions: LATENCY_SESSIONS,
    transactionsPerSession: perSession,
    helo: 'client.smtpspec.test',
    from: 'sender@client.smtpspec.test',
    to: target.rcpt,
    content: messageOf(SIZE, 'smtpspec latency probe'),
    replyTimeoutMs: 30_000,
    budgetMs: 120_000,
  });
}

function report(ref: TargetFigures, pf: TargetFigures): string {
  const both = (f: (t: TargetFigures) => string) => [f(ref), f(pf)];
  const lat = (t: TargetFigures, p: number) =>
    fixed(percentile(t.latency?.latenciesMs ?? [], p), 2);
  return table([
    ['', 'reference MTA', 'Postfix 3.7'],
    ['accepted msg/s (median)', ...both((t) => fixed(median(t.acceptedPerS)))],
    ['accepted msg/s (rounds)', ...both((t) => t.acceptedPerS.map((v) => fixed(v)).join(' '))],
    ['delivered msg/s (median)', ...both((t) => fixed(median(t.deliveredPerS)))],
    ['server CPU ms/message (median)', ...both((t) => fixed(median(t.cpuMsPerMessage), 2))],
    ['latency p50 ms', ...both((t) => lat(t, 50))],
    ['latency p99 ms', ...both((t) => lat(t, 99))],
    ['latency samples', ...both((t) => String(t.latency?.latenciesMs.length ?? 0))],
    ['idle RSS MiB (sum)', ...both((t) => mib(t.idle?.rssKb))],
    ['peak RSS MiB (sum of processes)', ...both((t) => mib(t.memory?.rssKb))],
    ['peak PSS MiB (sum of processes)', ...both((t) => mib(t.memory?.pssKb))],
    ['largest VmHWM MiB (one process)', ...both((t) => mib(t.memory?.maxHwmKb))],
    ['processes (most seen)', ...both((t) => String(t.memory?.processes ?? 'n/a'))],
  ]);
}

type Figures = Map<BenchTarget, TargetFigures>;

async function startSampling(targets: readonly BenchTarget[]) {
  const figures: Figures = new Map();
  const samplers = new Map<BenchTarget, MemorySampler>();
  for (const target of targets) {
    const sampler = new MemorySampler(target.container);
    await sampler.start();
    onCleanup(() => sampler.stop());
    samplers.set(target, sampler);
    const idle = await sampler.now();
    figures.set(target, { acceptedPerS: [], deliveredPerS: [], cpuMsPerMessage: [], idle });
  }
  return { figures, samplers };
}

async function throughputRounds(setup: BenchSetup, figures: Figures): Promise<void> {
  const targets = [setup.reference, setup.postfix];
  for (const target of targets) await throughputRun(setup, target, WARMUP_MESSAGES);
  log(`warm-up done; ${ROUNDS} rounds: ${MESSAGES} messages, ${SESSIONS} sessions, ${SIZE} octets`);
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate who goes first, so neither always runs on a disk the other just filled.
    for (const target of round % 2 === 1 ? targets : [...targets].reverse()) {
      const r = await throughputRun(setup, target, MESSAGES);
      const f = figures.get(target);
      f?.acceptedPerS.push(r.accepted);
      f?.deliveredPerS.push(r.delivered);
      f?.cpuMsPerMessage.push(r.cpuMsPerMessage);
      log(
        `round ${round} ${target.name}: ${fixed(r.accepted)} accepted/s, ` +
          `${fixed(r.delivered)} delivered/s, ${fixed(r.cpuMsPerMessage, 2)} CPU ms/message`,
      );
    }
  }
}

function headline(ref: TargetFigures, pf: TargetFigures): string {
  const p99 = (t: TargetFigures) => fixed(percentile(t.latency?.latenciesMs ?? [], 99), 1);
  const ratio = (f: (t: TargetFigures) => number[]) => fixed(median(f(ref)) / median(f(pf)), 2);
  const cpu = (t: TargetFigures) => fixed(median(t.cpuMsPerMessage), 2);
  return (
    `mta-load: reference MTA delivers ${fixed(median(ref.deliveredPerS))} msg/s vs Postfix ` +
    `${fixed(median(pf.deliveredPerS))} (${ratio((t) => t.deliveredPerS)}x; accepted ` +
    `${ratio((t) => t.acceptedPerS)}x), CPU ${cpu(ref)} vs ${cpu(pf)} ms/message, p99 ` +
    `${p99(ref)} vs ${p99(pf)} ms, peak RSS ${mib(ref.memory?.rssKb)} vs ${mib(pf.memory?.rssKb)} MiB ` +
    `(PSS ${mib(ref.memory?.pssKb)} vs ${mib(pf.memory?.pssKb)})`
  );
}

async function main(): Promise<void> {
  if (!(await dockerOrSkip('mta-load'))) return;
  // The cores are shared with whatever else runs: the load average says how quiet it was.
  const loadBefore = loadavg()[0]?.toFixed(2) ?? '?';
  const setup = await startBenchTargets(log);
  const { figures, samplers } = await startSampling([setup.reference, setup.postfix]);
  await throughputRounds(setup, figures);
  let failed = false;
  for (const [target, f] of figures) {
    f.latency = await latencyRun(target);
    for (const failure of f.latency.failures) log(`${target.name} latency: ${failure}`);
    failed ||= f.latency.failures.length > 0;
    f.memory = await samplers.get(target)?.stop();
  }
  const ref = figures.get(setup.reference);
  const pf = figures.get(setup.postfix);
  if (!ref || !pf) throw new Error('no figures collected');
  const source =
    ref.memory?.source === 'host' ? 'host /proc, every 250 ms' : 'docker exec, every 2 s';
  console.log(`\n${report(ref, pf)}\n(memory read from ${source})`);
  log(
    `1-minute load average before the run: ${loadBefore} on ${availableParallelism()} cores ` +
      '(other work on this machine skews every figure; the run itself raises it)',
  );
  console.log(headline(ref, pf));
  if (failed) throw new Error('some latency sessions failed (see above): figures are incomplete');
}

try {
  await main();
} catch (err) {
  console.error(`mta-load: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await runCleanup();
}
