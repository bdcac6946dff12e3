/**
 * Where the reference MTA's CPU goes per message, from accept to delivered. The MTA runs in
 * a child process (bench/lib/mta-child.ts: durable spool, local Maildir delivery, log level
 * info as in its container) under `node --cpu-prof`; this process sends MESSAGES messages
 * of SIZE octets over SESSIONS parallel connections, one message per connection (as
 * smtp-source does in bench/mta-load.ts), and waits until all are in the Maildir. Then it
 * prints the child's CPU time per message (from /proc) and the profile's self time grouped
 * by where it is spent (our modules by directory, Node internals, GC, idle excluded).
 *
 * Run: `node bench/mta-profile.ts`. Knobs: SMTPSPEC_BENCH_PROFILE_MESSAGES (default 2000),
 * _SESSIONS (20), _SIZE (2048), SMTPSPEC_BENCH_PROFILE_KEEP=1 keeps the .cpuprofile file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeError } from '../harness/errors.ts';
import { ReplyParser } from '../harness/wire/reply.ts';
import { type CpuProfile, summariseProfile } from './lib/cpu-profile.ts';
import { envInt } from './lib/env.ts';
import { fixed, table } from './lib/stats.ts';

const MESSAGES = envInt('SMTPSPEC_BENCH_PROFILE_MESSAGES', 2000, 10, 100_000);
const SESSIONS = envInt('SMTPSPEC_BENCH_PROFILE_SESSIONS', 20, 1, 200);
const SIZE = envInt('SMTPSPEC_BENCH_PROFILE_SIZE', 2048, 100, 1_000_000);
const KEEP = process.env.SMTPSPEC_BENCH_PROFILE_KEEP === '1';
/** SMTPSPEC_BENCH_PROFILE_OFF=1: no profiler, only the CPU time per message (no overhead). */
const OFF = process.env.SMTPSPEC_BENCH_PROFILE_OFF === '1';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TICKS_PER_S = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in these

const log = (line: string) => console.log(`mta-profile: ${line}`);

/** User + system CPU time of `pid` in ms. */
async function cpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
}

async function startChild(dir: string): Promise<{ child: ChildProcess; port: number }> {
  const file = join(dir, 'smtpspec.json');
  await writeFile(
    file,
    JSON.stringify({
      listen: { host: '127.0.0.1', port: 0 },
      dataDir: join(dir, 'data'),
      limits: { maxConnections: SESSIONS + 10 },
      log: { level: 'info' },
    }),
  );
  const child = spawn(
    process.execPath,
    [
      ...(OFF ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`]),
      join(root, 'bench/lib/mta-child.ts'),
      file,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /^listening on .*:(\d+)\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the MTA exited with ${code}`)));
  });
  return { child, port };
}

/** One message on its own connection, commands in lock-step; true on a 250 for the data. */
function oneMessage(port: number, body: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const parser = new ReplyParser();
    const steps = [
      'EHLO load.test\r\n',
      'MAIL FROM:<load@load.test>\r\n',
      'RCPT TO:<alice@smtpspec.test>\r\n',
      'DATA\r\n',
      `${body}.\r\n`,
      'QUIT\r\n',
    ];
    const expected = [220, 250, 250, 250, 354, 250, 221];
    let step = 0;
    let ok = false;
    socket.setNoDelay(true);
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(ok));
    socket.on('data', (chunk: Buffer) => {
      for (const e of parser.push(chunk)) {
        if (e.kind !== 'reply') continue;
        if (e.reply.code !== expected[step]) return void socket.destroy();
        if (step === 5) ok = true;
        const next = steps[step++];
        if (next === undefined) return void socket.end();
        socket.write(next);
      }
    });
  });
}

async function load(port: number): Promise<{ seconds: number; failed: number }> {
  const line = `${'x'.repeat(76)}\r\n`;
  const body = `Subject: load\r\n\r\n${line.repeat(Math.max(1, Math.floor(SIZE / line.length)))}`;
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SESSIONS }, async () => {
      while (next < MESSAGES) {
        next++;
        if (!(await oneMessage(port, body))) failed++;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, failed };
}

async function delivered(dir: string): Promise<number> {
  const names = await readdir(join(dir, 'data/maildir/smtpspec.test/alice/new')).catch(() => []);
  return names.length;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'smtpspec-profile-'));
  try {
    const { child, port } = await startChild(dir);
    const pid = child.pid ?? 0;
    const cpuBefore = await cpuMsOf(pid);
    const run = await load(port);
    const deadline = Date.now() + 120_000;
    while ((await delivered(dir)) < MESSAGES - run.failed && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const cpuMs = (await cpuMsOf(pid)) - cpuBefore;
    const count = await delivered(dir);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    const perMessage = `${fixed(cpuMs / MESSAGES, 2)} ms CPU per message accept-to-delivered`;
    if (OFF) {
      log(`${count} of ${MESSAGES} delivered, ${fixed(MESSAGES / run.seconds)} accepted/s`);
      return void console.log(`mta-profile: ${perMessage} (no profiler)`);
    }
    const file = (await readdir(dir)).find((n) => n.endsWith('.cpuprofile'));
    if (file === undefined) throw new Error('the MTA wrote no .cpuprofile');
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    const rows = summariseProfile(profile, root).places;
    const sampled = rows.reduce((sum, [, ms]) => sum + ms, 0);
    log(
      `${count} of ${MESSAGES} delivered (${run.failed} failed), ${SESSIONS} sessions, ${SIZE} octets: ` +
        `${fixed(MESSAGES / run.seconds)} accepted/s; load average ${loadavg()[0]?.toFixed(2)} on ` +
        `${availableParallelism()} cores`,
    );
    console.log(
      table([
        ['where (self time, profiler on)', 'ms', 'ms/message', 'share'],
        ...rows
          .slice(0, 25)
          .map(([key, ms]) => [
            key,
            fixed(ms, 0),
            fixed(ms / MESSAGES, 3),
            `${fixed((100 * ms) / sampled)} %`,
          ]),
      ]),
    );
    if (KEEP) {
      const kept = join(tmpdir(), `smtpspec-mta-${Date.now()}.cpuprofile`);
      await writeFile(kept, JSON.stringify(profile));
      log(`profile kept in ${kept}`);
    }
    console.log(
      `mta-profile: ${perMessage} (${fixed(sampled / MESSAGES, 2)} ms sampled by the profiler)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  console.error(`mta-profile: ${describeError(err)}`);
  process.exitCode = 1;
}
