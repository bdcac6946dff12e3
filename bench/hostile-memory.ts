/**
 * Peak memory of `smtpspec run` and `smtpspec fuzz` against hostile servers: one that
 * streams a reply of gigabytes, one that streams random bytes without end, one whose
 * first line never ends, and one that floods complete replies nobody asked for. The CLI
 * measured is the one an installed package runs: the sources are compiled first
 * (`tsc -p tsconfig.build.json`, as `npm run build`), since running the TypeScript
 * directly costs about 30 MiB more for type stripping. Each
 * command runs as a child process (this Node binary) against a server in this process,
 * which reuses one buffer, so only the child's memory grows; its peak RSS (VmHWM, from
 * /proc) is sampled until it exits. Each command is bounded in time (killed after
 * --limit seconds: the table then says so).
 *
 *   npx node bench/hostile-memory.ts [--limit N] [--gigabytes N]
 */
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { intFlag } from '../harness/cli/args.ts';
import {
  type Behaviour,
  endlessLine,
  flood,
  hugeReply,
  pseudoRandomOctets,
  replyFlood,
  type StreamStats,
} from '../harness/client/testing/hostile-server.ts';
import { startLoopbackServer } from '../harness/client/testing/loopback-server.ts';
import { onCleanup, runCleanup } from './lib/cleanup.ts';
import { mib, table } from './lib/stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * Where the compiled CLI goes: not dist/, which `npx smtpspec` in a checkout would then
 * prefer to the sources, stale after the next edit. Under node_modules, so the compiled
 * modules still find the packages.
 */
const OUT = join(ROOT, 'node_modules', '.cache', 'smtpspec-hostile-memory');
const CLI = join(OUT, 'harness', 'cli', 'main.js');

/** Compiles the sources as `npm run build` does, into {@link OUT}, so CLI is current. */
async function buildCli(): Promise<void> {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await promisify(execFile)(
      process.execPath,
      [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', OUT],
      {
        cwd: ROOT,
      },
    );
  } catch (err) {
    const { stdout = '' } = err as { stdout?: string };
    throw new Error(`compiling the CLI failed: ${stdout.split('\n')[0] || String(err)}`);
  }
}
const GIB = 1024 ** 3;

/** A 64 KiB block of pseudo-random octets, reused for every write. */
function randomBlock(seed: number): Buffer {
  return pseudoRandomOctets(seed, 64 * 1024);
}

/** The hostile servers, each streaming up to `total` octets per connection. */
function behaviours(total: number, stats: StreamStats): [string, Behaviour][] {
  return [
    ['1 GB multi-line reply', hugeReply(total, stats)],
    ['random bytes', flood('', randomBlock(2026), total, stats)],
    ['endless first line', endlessLine(total, stats)],
    ['unasked reply flood', replyFlood(total, stats)],
  ];
}

export interface MemoryLine {
  server: string;
  command: string;
  peakRssKb: number | undefined;
  seconds: number;
  exit: string;
  /** Octets the server handed to its sockets during this command. */
  streamed: number;
}

async function peakRss(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = /^VmHWM:\s+(\d+) kB/m.exec(status);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Runs `args` of the CLI; samples the child's VmHWM every 50 ms until it exits or is killed. */
function measure(args: string[], limitS: number): Promise<Omit<MemoryLine, 'server' | 'streamed'>> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let peak: number | undefined;
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-400);
    });
    const sample = setInterval(async () => {
      if (child.pid === undefined) return;
      const now = await peakRss(child.pid);
      if (now !== undefined) peak = Math.max(peak ?? 0, now);
    }, 50);
    let killed = false;
    const limit = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, limitS * 1000);
    onCleanup(async () => void child.kill('SIGKILL'));
    child.on('close', (code, signal) => {
      clearInterval(sample);
      clearTimeout(limit);
      const reason = stderr.trim().split('\n').pop() ?? '';
      resolve({
        command: args[0] ?? '',
        peakRssKb: peak,
        seconds: (performance.now() - started) / 1000,
        exit: killed
          ? `killed after ${limitS} s`
          : `exit ${code ?? signal}${code === 2 ? `: ${reason.slice(0, 80)}` : ''}`,
      });
    });
  });
}

export async function runMemoryBench(o: { limitS: number; total: number }): Promise<MemoryLine[]> {
  const lines: MemoryLine[] = [];
  const stats: StreamStats = { written: 0 };
  for (const [name, behaviour] of behaviours(o.total, stats)) {
    const server = await startLoopbackServer(behaviour);
    onCleanup(() => server.close());
    try {
      const target = `${server.host}:${server.port}`;
      const out = join(tmpdir(), `smtpspec-hostile-${process.pid}`);
      const commands = [
        ['run', '--target', target, '--timeout-ms', '2000', '--out', out, '--reporter', 'json'],
        ['fuzz', '--target', target, '--seconds', '10', '--timeout-ms', '2000', '--out', out],
      ];
      for (const args of commands) {
        const before = stats.written;
        const line = await measure(args, o.limitS);
        lines.push({ server: name, ...line, streamed: stats.written - before });
        for (const socket of server.sockets) socket.destroy();
      }
    } finally {
      await server.close();
    }
  }
  return lines;
}

export function renderMemoryBench(lines: readonly MemoryLine[]): string {
  const rows = lines.map((l) => [
    l.server,
    l.command,
    mib(l.peakRssKb),
    l.seconds.toFixed(1),
    (l.streamed / 1024 ** 2).toFixed(0),
    l.exit,
  ]);
  const worst = Math.max(...lines.map((l) => l.peakRssKb ?? 0));
  return `${table([['server', 'command', 'peak RSS MiB', 's', 'MiB sent', 'end'], ...rows])}\npeak RSS against hostile servers: at most ${mib(worst)} MiB\n`;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { limit: { type: 'string' }, gigabytes: { type: 'string' } },
  });
  const limitS = intFlag(values.limit, '--limit', 5, 3600) ?? 120;
  const total = (intFlag(values.gigabytes, '--gigabytes', 1, 64) ?? 1) * GIB;
  try {
    await buildCli();
    process.stdout.write(renderMemoryBench(await runMemoryBench({ limitS, total })));
  } catch (err) {
    process.stderr.write(`hostile-memory: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    await runCleanup();
  }
}
