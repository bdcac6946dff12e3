/**
 * Soak: a long fuzz campaign against the reference MTA, counted in commands answered, to
 * show it neither crashes, hangs nor grows. The MTA runs in a child process
 * (bench/lib/mta-child.ts, the configuration `smtpspec fuzz` gives its in-process MTA,
 * durable spool and all), so its RSS is its own; the fuzzer (strict model, not lenient)
 * drives it with WORKERS parallel workers, in slices of SLICE_RUNS runs, each slice with
 * its own seed, until COMMANDS commands were answered or the time budget is used up.
 *
 * Prints commands, runs, findings by kind (must be none), warnings, and the MTA's RSS at
 * the start, after the first slice (warm) and at the end.
 *
 * Run: `node bench/soak.ts`. Knobs: SMTPSPEC_BENCH_SOAK_COMMANDS (default 1,000,000),
 * _WORKERS (4), _SLICE_RUNS (500), _BUDGET_S (7200), _SEED (2026). SIGTERM or SIGINT ends
 * it early with the report so far (the bench runner sends SIGTERM at the end of its share).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fuzzProfile } from '../harness/cli/fuzz-command.ts';
import { describeError } from '../harness/errors.ts';
import { runCampaign } from '../harness/fuzz/campaign.ts';
import { externalTarget, fuzzServerConfig, probeLiveness } from '../harness/fuzz/target.ts';
import { envInt } from './lib/env.ts';
import { fixed } from './lib/stats.ts';

const COMMANDS = envInt('SMTPSPEC_BENCH_SOAK_COMMANDS', 1_000_000, 100, 100_000_000);
const WORKERS = envInt('SMTPSPEC_BENCH_SOAK_WORKERS', 4, 1, 64);
const SLICE_RUNS = envInt('SMTPSPEC_BENCH_SOAK_SLICE_RUNS', 500, 10, 1_000_000);
const BUDGET_MS = envInt('SMTPSPEC_BENCH_SOAK_BUDGET_S', 7200, 10, 7 * 24 * 3600) * 1000;
const SEED = envInt('SMTPSPEC_BENCH_SOAK_SEED', 2026, 0, 2 ** 31 - 1);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const log = (line: string) => console.log(`soak: ${line}`);

async function rssMibOf(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(text)?.[1] ?? Number.NaN) / 1024;
}

async function startMta(dir: string): Promise<{ child: ChildProcess; port: number }> {
  const file = join(dir, 'smtpspec.json');
  await writeFile(file, JSON.stringify(fuzzServerConfig(join(dir, 'data'))));
  const child = spawn(process.execPath, [join(root, 'bench/lib/mta-child.ts'), file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /^listening on .*:(\d+)\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the MTA exited with ${code}: ${stderr}`)));
  });
  child.once('exit', (code, signal) => {
    if (code !== 0) log(`the MTA exited (${signal ?? `code ${code}`}); its last output: ${stderr}`);
  });
  return { child, port };
}

/** Replies the campaign counted: one per command line, data end and probe answered. */
function commandsOf(replies: Record<string, number>): number {
  return Object.values(replies).reduce((sum, n) => sum + n, 0);
}

async function main(): Promise<void> {
  const interrupt = new AbortController();
  process.once('SIGTERM', () => interrupt.abort());
  process.once('SIGINT', () => interrupt.abort());
  const dir = await mkdtemp(join(tmpdir(), 'smtpspec-soak-'));
  const { child, port } = await startMta(dir);
  const pid = child.pid ?? 0;
  const address = { host: '127.0.0.1', port };
  const target = externalTarget(address);
  const profile = fuzzProfile({}, true, 'mx.smtpspec.test');
  const findings = new Map<string, number>();
  let warnings = 0;
  let commands = 0;
  let runs = 0;
  let slices = 0;
  const started = performance.now();
  const rssStart = await rssMibOf(pid);
  let rssWarm = rssStart;
  try {
    log(
      `${COMMANDS} commands, ${WORKERS} workers, slices of ${SLICE_RUNS} runs, seed ${SEED}; ` +
        `MTA pid ${pid} on port ${port}, RSS ${fixed(rssStart)} MiB`,
    );
    while (
      commands < COMMANDS &&
      performance.now() - started < BUDGET_MS &&
      !interrupt.signal.aborted
    ) {
      const result = await runCampaign({
        target,
        profile,
        seed: SEED + slices,
        runs: SLICE_RUNS,
        concurrency: WORKERS,
        maxFindings: 100,
        shrinkSeconds: 5,
        signal: interrupt.signal,
      });
      slices++;
      runs += result.runs;
      commands += commandsOf(result.replies);
      warnings += result.warnings.reduce((sum, w) => sum + w.count, 0);
      for (const f of result.findings) {
        findings.set(f.kind, (findings.get(f.kind) ?? 0) + f.occurrences);
        log(`finding (${f.kind}, seed ${f.seed >>> 0}): ${f.message}`);
      }
      if (result.targetLost !== undefined) {
        log(`the MTA stopped accepting connections: ${result.targetLost}`);
        break;
      }
      const rss = await rssMibOf(pid).catch(() => Number.NaN);
      if (slices === 1) rssWarm = rss;
      const rate = commands / ((performance.now() - started) / 1000);
      log(
        `slice ${slices}: ${commands} commands, ${runs} runs, ${fixed(rate, 0)} commands/s, ` +
          `RSS ${fixed(rss)} MiB`,
      );
    }
    const alive = await probeLiveness(address, 5000);
    const rssEnd = await rssMibOf(pid).catch(() => Number.NaN);
    const seconds = (performance.now() - started) / 1000;
    const byKind = [...findings].map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
    log(
      `${commands} commands in ${runs} runs, ${fixed(seconds, 0)} s` +
        `${interrupt.signal.aborted ? ' (interrupted)' : ''}; findings: ${byKind}; ` +
        `${warnings} warnings; crashes ${findings.get('crash') ?? 0}, hangs ${findings.get('hang') ?? 0}; ` +
        `MTA ${alive === undefined ? 'still answering' : `not answering: ${alive}`}`,
    );
    log(`1-minute load average ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores`);
    console.log(
      `soak: ${commands} fuzzed commands, ${findings.size === 0 ? 0 : [...findings.values()].reduce((a, b) => a + b, 0)} findings; ` +
        `MTA RSS ${fixed(rssStart)} MiB at start, ${fixed(rssWarm)} MiB warm, ${fixed(rssEnd)} MiB at the end`,
    );
    if (findings.size > 0 || alive !== undefined) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    await rm(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  console.error(`soak: ${describeError(err)}`);
  process.exitCode = 1;
}
