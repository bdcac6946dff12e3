// Why these tests? Without --target the fuzzer runs the reference MTA in a worker thread of
// its own process. The campaign relies on that target to greet like `smtpspec run`'s (TLS
// for STARTTLS, the profile's AUTH user), to come back after the MTA crashed, ran out of
// memory or hung, to say what happened, and to leave nothing behind: no listener, no
// thread, no spool directory, not even when nobody calls stop().

import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { connectClient, octets, withTimeout } from '../../reference-server/testing/test-server.ts';
import { ERROR_CODES, hasErrorCode } from '../errors.ts';
import { REFERENCE_PROFILE } from '../runner/profile.ts';
import type { TargetAddress } from '../runner/target.ts';
import {
  probeLiveness,
  type ReferenceTarget,
  type ReferenceTargetOptions,
  startReferenceTarget,
} from './target.ts';

const FAULTY_ENTRY = new URL('./testing/faulty-reference-worker.ts', import.meta.url);

let base: string;
const started: ReferenceTarget[] = [];
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'smtpspec-target-test-'));
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((t) => t.stop()));
  await rm(base, { recursive: true, force: true });
});

async function start(options: ReferenceTargetOptions = {}): Promise<ReferenceTarget> {
  const target = await startReferenceTarget({ tmpDir: base, ...options });
  started.push(target);
  return target;
}

async function greeting(address: TargetAddress): Promise<number> {
  const client = await connectClient(address);
  const reply = await client.readReply();
  await client.close();
  return reply.code;
}

/** Resolves to the connect error code, or 'connected'. */
function tryConnect(address: TargetAddress): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(address.port, address.host);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** Sends one command and does not wait: a planted fault may never answer. */
async function plant(address: TargetAddress, command: string): Promise<void> {
  const client = await connectClient(address);
  expect((await client.readReply()).code).toBe(220);
  await client.sendRaw(octets(`${command}\r\n`));
}

async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo())
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

describe('startReferenceTarget', () => {
  it('greets on 127.0.0.1 and serves STARTTLS and AUTH like the run target', async () => {
    const target = await start();
    expect(target.builtIn).toBe(true);
    expect(target.address().host).toBe('127.0.0.1');
    const client = await connectClient(target.address());
    expect((await client.readReply()).code).toBe(220);
    const ehlo = await client.command('EHLO client.smtpspec.test');
    expect(ehlo.lines).toContain('STARTTLS');
    expect((await client.startTls()).reply.code).toBe(220);
    expect((await client.command('EHLO client.smtpspec.test')).lines.join('\n')).toMatch(/AUTH/);
    const plain = Buffer.from(
      `\0${REFERENCE_PROFILE.authUser}\0${REFERENCE_PROFILE.authPass}`,
    ).toString('base64');
    expect((await client.command(`AUTH PLAIN ${plain}`)).code).toBe(235);
    expect(target.crashReport()).toBeUndefined();
    // A run that saw a stale address calls restart(): a live target is kept as it is.
    const address = target.address();
    await target.restart();
    expect(target.address()).toEqual(address);
  });

  it('stop() leaves no listener, no thread and no spool directory', async () => {
    const before = resourceCounts();
    const target = await start();
    const address = target.address();
    expect(await greeting(address)).toBe(220);
    expect(await readdir(base)).toHaveLength(1);
    await target.stop();
    expect(await tryConnect(address)).toBe('ECONNREFUSED');
    expect(await readdir(base)).toEqual([]);
    // fs.promises.rm leaves a request object for one more turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = resourceCounts();
    for (const [kind, n] of after) expect(`${kind} ${n}`).toBe(`${kind} ${before.get(kind) ?? 0}`);
  });

  it('does not keep the process alive, and its thread dies with it', async () => {
    const target = new URL('./target.ts', import.meta.url).href;
    const script = `const { startReferenceTarget } = await import(${JSON.stringify(target)});
const t = await startReferenceTarget({ tmpDir: ${JSON.stringify(base)} });
console.log(t.address().port);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    onTestFinished(() => void child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const code = await withTimeout(
      new Promise((resolve) => child.once('exit', resolve)),
      15_000,
      'exit of a process that never stopped its target',
    );
    expect(code).toBe(0);
    expect(await tryConnect({ host: '127.0.0.1', port: Number(out.trim()) })).toBe('ECONNREFUSED');
  });

  it('a start failure is a one-line ConfigError and removes its directory', async () => {
    const entry = new URL('./testing/no-such-entry.ts', import.meta.url);
    const error = await startReferenceTarget({ tmpDir: base, entry }).catch((e: unknown) => e);
    expect(hasErrorCode(error, ERROR_CODES.config)).toBe(true);
    expect((error as Error).message).toMatch(/^cannot start the reference MTA: the worker died: /);
    expect((error as Error).message).not.toContain('\n');
    expect(await readdir(base)).toEqual([]);
  });
});

describe('crash recovery', () => {
  it.each([
    ['XCRASH', /^reference MTA died: planted crash \(XCRASH\) \(at .*faulty-reference-worker/],
    ['XEXIT', /^reference MTA exited with code 7/],
  ])(
    'after NOOP %s the report says why and restart() brings one fresh listener',
    async (command, report) => {
      const target = await start({ entry: FAULTY_ENTRY });
      const old = target.address();
      await plant(old, `NOOP ${command}`);
      // As the campaign does: the report is read as soon as a probe finds the listener gone.
      await until(async () => (await probeLiveness(old, 1000)) !== undefined, 5000);
      expect(target.crashReport()).toMatch(report);
      expect(await tryConnect(old)).toBe('ECONNREFUSED');
      // With --concurrency 2 both runs see the crash and ask for a restart at once.
      await Promise.all([target.restart(), target.restart()]);
      expect(target.address()).not.toEqual(old);
      expect(await greeting(target.address())).toBe(220);
      expect(target.crashReport()).toBeUndefined();
      // One new thread, with a spool of its own; the dead one's is gone.
      expect(await readdir(join(base, (await readdir(base))[0] ?? ''))).toEqual(['mta-2']);
    },
  );

  it('a heap blow-up ends the worker, not the process', async () => {
    const target = await start({
      entry: FAULTY_ENTRY,
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    await plant(target.address(), 'NOOP XOOM');
    await until(() => /died/.test(target.crashReport() ?? ''), 15_000);
    expect(target.crashReport()).toMatch(/ERR_WORKER_OUT_OF_MEMORY|memory limit/);
    await target.restart();
    expect(await greeting(target.address())).toBe(220);
  });

  it('a hung worker is reported, terminated and replaced within bounded time', async () => {
    const target = await start({ entry: FAULTY_ENTRY });
    const old = target.address();
    await plant(old, 'NOOP XHANG');
    await until(() => target.crashReport() !== undefined, 5000);
    expect(target.crashReport()).toMatch(/^reference MTA thread blocked: no heartbeat for \d+ ms/);
    const t0 = Date.now();
    await target.restart();
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(await greeting(target.address())).toBe(220);
    expect(await tryConnect(old)).toBe('ECONNREFUSED');
  });
});
