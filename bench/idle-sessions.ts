/**
 * Benchmark: memory of the reference MTA as users run it, in its container (the production
 * image: pre-compiled JavaScript started through harness/cli/serve-bin.js as PID 1,
 * its config, durable queue), holding 1,000 concurrent idle sessions. Each session is opened with the
 * harness client from this host, reads the greeting, says EHLO and then waits; at the end
 * every session must still answer NOOP with 250, so they were all alive and served.
 *
 * Prints the server's RSS before, with the sessions open, and after closing them, with
 * the per-session cost. Goal from issue 16: under 80 MB (decimal: 76.3 MiB) with 1,000 idle
 * sessions (issue 4's was 100 MB).
 * Run: `node bench/idle-sessions.ts`. Knobs: SMTPSPEC_BENCH_IDLE_SESSIONS (default 1000);
 * SMTPSPEC_BENCH_IDLE_IMAGE measures an existing image (e.g. an older build kept under
 * another tag, for a before/after comparison) instead of building the current one.
 */
import { getContainerRuntimeClient } from 'testcontainers';
import { SmtpClientSession } from '../harness/client/index.ts';
import { describeError } from '../harness/errors.ts';
import {
  REFERENCE_MTA_DOMAIN,
  ReferenceMtaContainer,
  referenceMtaContainer,
} from '../harness/targets/reference-mta.ts';
import type { StartedSmtpContainer } from '../harness/targets/smtp-container.ts';
import { onCleanup, runCleanup } from './lib/cleanup.ts';
import { dockerOrSkip } from './lib/docker-gate.ts';
import { envInt } from './lib/env.ts';
import {
  containerMemory,
  type MemoryTotals,
  memorySourceFor,
  totalsOf,
} from './lib/proc-memory.ts';
import { fixed, mib, table } from './lib/stats.ts';

const SESSIONS = envInt('SMTPSPEC_BENCH_IDLE_SESSIONS', 1000, 1, 1050);
/** An image to measure as is (not rebuilt); unset: the current sources' image. */
const IMAGE = process.env.SMTPSPEC_BENCH_IDLE_IMAGE || undefined;
/** Connections opened at once; keeps the listen backlog and docker-proxy unhurried. */
const OPEN_BATCH = 50;
const SETTLE_MS = 3_000;
/** Issue 16: under 80 MB, in octets (80 × 10^6, 76.3 MiB), with 1,000 idle sessions. */
const GOAL_OCTETS = 80e6;

const log = (line: string) => console.log(`idle-sessions: ${line}`);

async function openIdleSession(mta: StartedSmtpContainer): Promise<SmtpClientSession> {
  const session = await SmtpClientSession.connect({
    host: mta.getSmtpHost(),
    port: mta.getSmtpPort(),
    replyTimeoutMs: 20_000,
  });
  try {
    const greeting = await session.readReply({ what: 'greeting' });
    if (greeting.code !== 220) throw new Error(`greeting ${greeting.code}`);
    const ehlo = await session.command(`EHLO idle.${REFERENCE_MTA_DOMAIN}`);
    if (ehlo.code !== 250) throw new Error(`EHLO got ${ehlo.code}`);
    return session;
  } catch (err) {
    await session.close();
    throw err;
  }
}

async function openAll(mta: StartedSmtpContainer): Promise<SmtpClientSession[]> {
  const sessions: SmtpClientSession[] = [];
  onCleanup(() => Promise.all(sessions.map((s) => s.close())));
  for (let n = 0; n < SESSIONS; n += OPEN_BATCH) {
    const batch = Math.min(OPEN_BATCH, SESSIONS - n);
    const opened = await Promise.allSettled(
      Array.from({ length: batch }, () => openIdleSession(mta)),
    );
    for (const r of opened) {
      if (r.status === 'fulfilled') sessions.push(r.value);
      else throw new Error(`session ${sessions.length + 1} failed: ${describeError(r.reason)}`);
    }
  }
  return sessions;
}

/** `<image>: <PID 1 command line>`, so that a figure says what it measured. */
async function describeContainer(mta: StartedSmtpContainer): Promise<string> {
  const client = await getContainerRuntimeClient();
  const info = await client.container.dockerode.getContainer(mta.getId()).inspect();
  return `${info.Config.Image}: ${[info.Path, ...info.Args].join(' ')}`;
}

/** Every session answers NOOP (in parallel); returns how many did. */
async function stillServed(sessions: readonly SmtpClientSession[]): Promise<number> {
  const replies = await Promise.allSettled(sessions.map((s) => s.command('NOOP')));
  return replies.filter((r) => r.status === 'fulfilled' && r.value.code === 250).length;
}

async function main(): Promise<void> {
  if (!(await dockerOrSkip('idle-sessions'))) return;
  const container = IMAGE
    ? new ReferenceMtaContainer(IMAGE)
    : await referenceMtaContainer({ onProgress: log });
  const mta = await container.start();
  onCleanup(() => mta.stop({ removeVolumes: true }));
  log(`measuring ${await describeContainer(mta)}`);
  const source = await memorySourceFor(mta);
  const memory = async () => totalsOf(await containerMemory(mta, source));
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const before = await memory();

  const started = performance.now();
  const sessions = await openAll(mta);
  const openMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const open = await memory();
  const served = await stillServed(sessions);
  await Promise.all(sessions.map((s) => s.close()));
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const after = await memory();

  const row = (what: string, t: MemoryTotals) => [
    what,
    mib(t.rssKb),
    mib(t.pssKb),
    mib(t.maxHwmKb),
  ];
  console.log(
    table([
      ['reference MTA', 'RSS MiB', 'PSS MiB', 'VmHWM MiB'],
      row('before (no session)', before),
      row(`${SESSIONS} idle sessions`, open),
      row('after closing them', after),
    ]),
  );
  const perSessionKb = (open.rssKb - before.rssKb) / SESSIONS;
  log(`opened ${SESSIONS} sessions in ${fixed(openMs / 1000)} s; ${served} answered NOOP`);
  if (served !== SESSIONS) throw new Error(`only ${served} of ${SESSIONS} sessions answered NOOP`);
  const octets = open.rssKb * 1024;
  const verdict = octets < GOAL_OCTETS ? 'meets' : 'misses';
  log(
    `${SESSIONS} idle sessions: RSS ${mib(before.rssKb)} -> ${mib(open.rssKb)} MiB ` +
      `(+${fixed(perSessionKb)} KiB/session; ${fixed(octets / 1e6)} MB); ${verdict} the ` +
      `${GOAL_OCTETS / 1e6} MB goal (${fixed(GOAL_OCTETS / 1024 / 1024)} MiB)`,
  );
}

try {
  await main();
} catch (err) {
  console.error(`idle-sessions: ${describeError(err)}`);
  process.exitCode = 1;
} finally {
  await runCleanup();
}
