/**
 * Benchmark: is a normal client still served while slow clients try to hold the reference
 * MTA's connection slots? Each slow client opens a transaction and trickles DATA, an octet
 * every few seconds (never idle long enough for the per-block timeout). The server runs
 * in-process with its default limits (100 connections, 50 per client address, at least
 * 256 octets/s of content after a 60 s grace).
 *
 * Two attacks, one after the other: SLOW clients from one address (the per-client limit
 * turns half away at once), then SLOW clients from as many addresses of 127.0.0.0/8 (they
 * take every slot until the rate check cuts them). Meanwhile a normal client from its own
 * address tries a transaction every second; the script prints when it was first served
 * and how many tries were refused.
 *
 * Run: `node bench/slow-clients.ts`. Knobs: SMTPSPEC_BENCH_SLOW_CLIENTS (default 100),
 * SMTPSPEC_BENCH_SLOW_BUDGET_S (default 120, per attack).
 */
import { connect, type Socket } from 'node:net';
import { describeError } from '../harness/errors.ts';
import { type RunningReferenceServer, startReferenceServer } from '../reference-server/server.ts';
import { envInt } from './lib/env.ts';
import { replyCodes } from './lib/reply-codes.ts';
import { fixed, table } from './lib/stats.ts';

const SLOW = envInt('SMTPSPEC_BENCH_SLOW_CLIENTS', 100, 1, 250);
const BUDGET_MS = envInt('SMTPSPEC_BENCH_SLOW_BUDGET_S', 120, 5, 3600) * 1000;
const TRICKLE_MS = 5_000;
const NORMAL_ADDRESS = '127.0.0.254';

const log = (line: string) => console.log(`slow-clients: ${line}`);

interface Attack {
  name: string;
  /** The client address of slow client `i`. */
  address: (i: number) => string;
}

interface AttackResult {
  name: string;
  holding: number;
  refusedAtConnect: number;
  normalTries: number;
  normalRefused: number;
  firstServedMs: number | undefined;
  slowCutMs: number | undefined;
}

/** One slow client: greeting, EHLO, MAIL, RCPT, DATA, then an octet every TRICKLE_MS. */
function slowClient(
  port: number,
  localAddress: string,
): Promise<{ socket: Socket; held: boolean }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    let seen = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('error', () => {});
    socket.on('close', () => clearInterval(timer));
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (seen.startsWith('421')) return resolve({ socket, held: false });
      if (seen.startsWith('220') && !seen.includes('\r\n250')) {
        socket.write(
          'EHLO slow.test\r\nMAIL FROM:<s@slow.test>\r\nRCPT TO:<alice@smtpspec.test>\r\nDATA\r\n',
        );
      }
      if (seen.includes('\r\n354 ') && timer === undefined) {
        timer = setInterval(() => socket.write('x'), TRICKLE_MS);
        resolve({ socket, held: true });
      }
    });
  });
}

/** One normal transaction from NORMAL_ADDRESS; true when it got its 250. */
async function normalTransaction(port: number): Promise<boolean> {
  const socket = connect({ host: '127.0.0.1', port, localAddress: NORMAL_ADDRESS });
  socket.on('error', () => {});
  const next = replyCodes(socket);
  try {
    if ((await next(5000)) !== 220) return false;
    socket.write(
      'EHLO normal.test\r\nMAIL FROM:<n@normal.test>\r\nRCPT TO:<bob@smtpspec.test>\r\nDATA\r\n',
    );
    for (const code of [250, 250, 250, 354]) if ((await next(5000)) !== code) return false;
    socket.write('Subject: normal\r\n\r\nhello\r\n.\r\nQUIT\r\n');
    return (await next(5000)) === 250;
  } finally {
    socket.destroy();
  }
}

async function runAttack(server: RunningReferenceServer, attack: Attack): Promise<AttackResult> {
  const port = server.address.port;
  const started = performance.now();
  const slow = await Promise.all(
    Array.from({ length: SLOW }, (_, i) => slowClient(port, attack.address(i))),
  );
  const holding = slow.filter((c) => c.held).length;
  log(`${attack.name}: ${holding} slow clients hold a slot, ${SLOW - holding} refused`);
  const result: AttackResult = {
    name: attack.name,
    holding,
    refusedAtConnect: SLOW - holding,
    normalTries: 0,
    normalRefused: 0,
    firstServedMs: undefined,
    slowCutMs: undefined,
  };
  while (performance.now() - started < BUDGET_MS) {
    result.normalTries++;
    const served = await normalTransaction(port);
    if (served) result.firstServedMs ??= performance.now() - started;
    else result.normalRefused++;
    const open = slow.filter((c) => c.held && !c.socket.destroyed && !c.socket.readableEnded);
    if (open.length === 0) result.slowCutMs ??= performance.now() - started;
    if (result.firstServedMs !== undefined && result.slowCutMs !== undefined) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  for (const c of slow) c.socket.destroy();
  return result;
}

async function main(): Promise<void> {
  const server = await startReferenceServer({ config: { listen: { host: '127.0.0.1', port: 0 } } });
  const { limits } = server.config;
  log(
    `limits: ${limits.maxConnections} connections, ${limits.maxConnectionsPerClient} per client, ` +
      `${limits.minDataRate} octets/s after ${limits.dataRateGraceMs / 1000} s, ` +
      `DATA deadline ${limits.dataDeadlineMs / 60_000} min; ${SLOW} slow clients per attack`,
  );
  const attacks: Attack[] = [
    { name: 'one address', address: () => '127.0.0.1' },
    { name: 'one address each', address: (i) => `127.0.1.${i + 1}` },
  ];
  const results: AttackResult[] = [];
  try {
    for (const attack of attacks) results.push(await runAttack(server, attack));
  } finally {
    await server.stop({ graceMs: 0 });
  }
  const s = (ms: number | undefined) => (ms === undefined ? 'never' : `${fixed(ms / 1000)} s`);
  console.log(
    table([
      [
        'attack',
        'slots held',
        'refused at once',
        'normal tries',
        'refused',
        'first served',
        'slow cut',
      ],
      ...results.map((r) => [
        r.name,
        String(r.holding),
        String(r.refusedAtConnect),
        String(r.normalTries),
        String(r.normalRefused),
        s(r.firstServedMs),
        s(r.slowCutMs),
      ]),
    ]),
  );
  console.log(
    `slow-clients: normal client first served after ${results.map((r) => `${s(r.firstServedMs)} (${r.name})`).join(', ')}`,
  );
}

try {
  await main();
} catch (err) {
  console.error(`slow-clients: ${describeError(err)}`);
  process.exitCode = 1;
}
