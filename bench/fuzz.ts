/**
 * Fuzz throughput: runs per second of `smtpspec fuzz` against the bundled reference MTA
 * in its worker thread, as the CLI runs it, and against the same MTA in this thread (the
 * test MTA with no defect planted: no worker, no durable queue), one after the other, each
 * bounded in time.
 *
 *   npx node bench/fuzz.ts [--seconds N] [--concurrency N] [--seed N]
 */
import { parseArgs } from 'node:util';
import { startTestMta, TEST_MTA_FUZZ_PROFILE } from '../fixtures/test-mta/test-mta.ts';
import { intFlag } from '../harness/cli/args.ts';
import { fuzzProfile } from '../harness/cli/fuzz-command.ts';
import { runCampaign } from '../harness/fuzz/campaign.ts';
import type { FuzzProfile } from '../harness/fuzz/session-arbitrary.ts';
import type { FuzzTarget } from '../harness/fuzz/target.ts';
import { startReferenceTarget } from '../harness/fuzz/target.ts';

/** One measured target. */
export interface FuzzBenchLine {
  target: string;
  runs: number;
  seconds: number;
  runsPerSecond: number;
  distinctReplies: number;
  findings: number;
}

export interface FuzzBenchOptions {
  seconds: number;
  concurrency: number;
  seed: number;
  /** Ends the measurements early (the bench runner sends SIGTERM at the end of its share). */
  signal?: AbortSignal;
}

async function measure(
  name: string,
  target: FuzzTarget,
  profile: FuzzProfile,
  o: FuzzBenchOptions,
): Promise<FuzzBenchLine> {
  // Lenient, and many findings allowed: the bench measures throughput, it must not stop early.
  const result = await runCampaign({
    target,
    profile,
    seed: o.seed,
    seconds: o.seconds,
    concurrency: o.concurrency,
    lenient: true,
    maxFindings: 1000,
    shrinkSeconds: 1,
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const seconds = result.durationMs / 1000;
  return {
    target: name,
    runs: result.runs,
    seconds,
    runsPerSecond: seconds > 0 ? result.runs / seconds : 0,
    distinctReplies: result.distinctReplies,
    findings: result.findings.length,
  };
}

/** Measures both targets: the reference MTA in a worker thread, then in ours. */
export async function runFuzzBench(o: FuzzBenchOptions): Promise<FuzzBenchLine[]> {
  const lines: FuzzBenchLine[] = [];
  const reference = await startReferenceTarget();
  try {
    lines.push(
      await measure('reference MTA', reference, fuzzProfile({}, true, 'mx.smtpspec.test'), o),
    );
  } finally {
    await reference.stop();
  }
  const inProcess = await startTestMta({ keepMessages: false });
  try {
    lines.push(await measure('in-process MTA', inProcess, TEST_MTA_FUZZ_PROFILE, o));
  } finally {
    await inProcess.stop();
  }
  return lines;
}

/** The table printed by the script. */
export function renderFuzzBench(lines: readonly FuzzBenchLine[], o: FuzzBenchOptions): string {
  const head = `fuzz throughput (${o.seconds} s per target, concurrency ${o.concurrency}, seed ${o.seed})`;
  const rows = lines.map(
    (l) =>
      `  ${l.target.padEnd(14)} ${l.runsPerSecond.toFixed(1).padStart(8)} runs/s  ` +
      `(${l.runs} runs in ${l.seconds.toFixed(1)} s, ${l.distinctReplies} distinct replies, ${l.findings} finding(s))`,
  );
  return `${[head, ...rows].join('\n')}\n`;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  // SIGTERM stops both campaigns and still stops the reference MTA's worker thread.
  const interrupt = new AbortController();
  process.once('SIGTERM', () => interrupt.abort());
  process.once('SIGINT', () => interrupt.abort());
  const options: FuzzBenchOptions = {
    signal: interrupt.signal,
    seconds: intFlag(values.seconds, '--seconds', 1, 600) ?? 10,
    concurrency: intFlag(values.concurrency, '--concurrency', 1, 64) ?? 1,
    seed: intFlag(values.seed, '--seed', 0, 2 ** 32 - 1) ?? 1,
  };
  process.stdout.write(renderFuzzBench(await runFuzzBench(options), options));
}
