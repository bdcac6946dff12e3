// Why these tests? A crash of an external server used to end the campaign with its run
// unshrunk. With --restart-cmd the fuzzer brings it back: the command runs only when the
// server is down, a failing command says why in one line, and a server that greets again
// is alive.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { commandTarget } from './restartable-target.ts';

/** A server that greets on 127.0.0.1, on `port` (0: any), closed when the test ends. */
async function greeter(port = 0): Promise<Server> {
  const server = createServer((s) => {
    s.on('error', () => undefined);
    s.end('220 ready\r\n');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return server;
}

function portOf(server: Server): number {
  const a = server.address();
  if (a === null || typeof a === 'string') throw new Error('no TCP address');
  return a.port;
}

describe('commandTarget (--restart-cmd)', () => {
  it('leaves a live server alone', async () => {
    const server = await greeter();
    const target = commandTarget({ host: '127.0.0.1', port: portOf(server) }, 'exit 3', 1000);
    await expect(target.restart?.()).resolves.toBeUndefined();
  });

  it('runs the command for a dead server and waits for it to greet again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'smtpspec-restart-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const first = await greeter();
    const port = portOf(first);
    await new Promise<void>((resolve) => first.close(() => resolve()));
    const marker = join(dir, 'ran');
    const target = commandTarget({ host: '127.0.0.1', port }, `echo restarted > ${marker}`, 500);
    const restarting = target.restart?.();
    // The "restarted" server comes back on its port while the fuzzer polls for it.
    setTimeout(() => void greeter(port), 300);
    await restarting;
    expect((await readFile(marker, 'utf8')).trim()).toBe('restarted');
  });

  it('a failing command is a one-line error with its status and output', async () => {
    const closed = await greeter();
    const port = portOf(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const target = commandTarget(
      { host: '127.0.0.1', port },
      'echo no such service >&2; exit 4',
      500,
    );
    await expect(target.restart?.()).rejects.toThrow(
      /^the restart command exited with 4: no such service$/,
    );
  });
});
