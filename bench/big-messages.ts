/**
 * Benchmark: memory of the reference MTA while many large messages arrive at once and are
 * delivered. The MTA runs in a child process (bench/lib/mta-child.ts: durable spool, local
 * Maildir delivery, its default limits but for the connection limits); this process sends
 * CONCURRENT messages of SIZE octets at the same time, each from its own loopback address,
 * generating the content as it goes (so the sender holds none of it), then waits until
 * every message is in the Maildir. The server's peak RSS (VmHWM) covers receipt, spooling
 * and delivery. Goal from issue 16: at most 300 MB for 100 messages of 10 MB.
 *
 * Run: `node bench/big-messages.ts`. Knobs: SMTPSPEC_BENCH_BIG_CONCURRENT (default 100),
 * SMTPSPEC_BENCH_BIG_SIZE (octets, default 10,000,000).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeError } from '../harness/errors.ts';
import { envInt } from './lib/env.ts';
import { replyCodes } from './lib/reply-codes.ts';
import { fixed } from './lib/stats.ts';

/** Longest wait for one reply: the final one follows 10 MB and the fsyncs, under load. */
const REPLY_WAIT_MS = 300_000;
const CONCURRENT = envInt('SMTPSPEC_BENCH_BIG_CONCURRENT', 100, 1, 250);
const SIZE = envInt('SMTPSPEC_BENCH_BIG_SIZE', 10_000_000, 1000, 10_000_000);
const GOAL_MB = 300;
const DELIVERY_TIMEOUT_MS = 300_000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const log = (line: string) => console.log(`big-messages: ${line}`);

/** `VmRSS` and `VmHWM` of `pid` in KiB. */
async function memoryOf(pid: number): Promise<{ rssKb: number; hwmKb: number }> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]);
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

/** Starts `smtpspec serve` with `config`; resolves with the child and its port. */
async function startServer(
  config: object,
  dir: string,
): Promise<{ child: ChildProcess; port: number }> {
  const file = join(dir, 'smtpspec.json');
  await writeFile(file, JSON.stringify(config));
  const child = spawn(process.execPath, [join(root, 'bench/lib/mta-child.ts'), file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error('the server printed no address in 30 s')),
      30_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /^listening on .*:(\d+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { child, port };
}

/** Writes `bytes` and waits for the socket to take it (backpressure). */
function send(socket: Socket, bytes: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) =>
    socket.write(bytes, (err) => (err ? reject(err) : resolve())),
  );
}

/** Sends one message of SIZE octets of 78-octet lines; resolves with the final reply code. */
async function sendBig(port: number, i: number): Promise<number> {
  const socket = connect({ host: '127.0.0.1', port, localAddress: `127.0.3.${i + 1}` });
  socket.on('error', () => {});
  const next = replyCodes(socket);
  try {
    if ((await next(REPLY_WAIT_MS)) !== 220) return 0;
    await send(
      socket,
      'EHLO big.test\r\nMAIL FROM:<big@big.test>\r\nRCPT TO:<alice@smtpspec.test>\r\nDATA\r\n',
    );
    for (const code of [250, 250, 250, 354]) if ((await next(REPLY_WAIT_MS)) !== code) return 0;
    const line = `${'x'.repeat(76)}\r\n`;
    const block = Buffer.from(line.repeat(840), 'latin1'); // 65,520 octets
    await send(socket, 'Subject: big\r\n\r\n');
    for (let sent = 16; sent < SIZE; sent += block.length)
      await send(socket, sent + block.length <= SIZE ? block : block.subarray(0, SIZE - sent));
    await send(socket, '\r\n.\r\nQUIT\r\n');
    return await next(REPLY_WAIT_MS);
  } finally {
    socket.destroy();
  }
}

async function delivered(dataDir: string): Promise<number> {
  const names = await readdir(join(dataDir, 'maildir/smtpspec.test/alice/new')).catch(() => []);
  return names.length;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'smtpspec-big-'));
  const dataDir = join(dir, 'data');
  const { child, port } = await startServer(
    {
      listen: { host: '127.0.0.1', port: 0 },
      dataDir,
      limits: { maxConnections: CONCURRENT + 10 },
      log: { level: 'warn' },
    },
    dir,
  );
  const pid = child.pid ?? 0;
  try {
    const idle = await memoryOf(pid);
    log(
      `${CONCURRENT} concurrent messages of ${SIZE} octets; server idle RSS ${fixed(idle.rssKb / 1024)} MiB`,
    );
    let peakRssKb = idle.rssKb;
    const sampler = setInterval(() => {
      memoryOf(pid).then(
        (m) => {
          peakRssKb = Math.max(peakRssKb, m.rssKb);
        },
        () => {},
      );
    }, 100);
    const started = performance.now();
    const codes = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => sendBig(port, i)));
    const acceptedS = (performance.now() - started) / 1000;
    const refused = codes.filter((c) => c !== 250).length;
    const afterAccept = await memoryOf(pid);
    const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
    while ((await delivered(dataDir)) < CONCURRENT - refused && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    const deliveredS = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const end = await memoryOf(pid);
    const count = await delivered(dataDir);
    log(
      `${CONCURRENT - refused} accepted (${refused} refused) in ${fixed(acceptedS)} s, ` +
        `${count} delivered after ${fixed(deliveredS)} s`,
    );
    log(
      `server RSS: idle ${fixed(idle.rssKb / 1024)} MiB, after receipt ${fixed(afterAccept.rssKb / 1024)} MiB, ` +
        `at the end ${fixed(end.rssKb / 1024)} MiB; sampled peak ${fixed(peakRssKb / 1024)} MiB`,
    );
    log(
      `1-minute load average ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores at the end`,
    );
    console.log(
      `big-messages: peak RSS ${fixed(end.hwmKb / 1024)} MiB (VmHWM) for ${CONCURRENT} x ${fixed(SIZE / 1e6)} MB ` +
        `messages (goal <= ${GOAL_MB} MB)`,
    );
    if (count !== CONCURRENT - refused || refused > 0)
      throw new Error(`${refused} refused, ${count} of ${CONCURRENT - refused} delivered`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await rm(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  console.error(`big-messages: ${describeError(err)}`);
  process.exitCode = 1;
}
