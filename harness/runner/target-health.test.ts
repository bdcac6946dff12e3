import { createServer } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { greetingCheck, TargetHealth } from './target-health.ts';

const alive = async () => ({ alive: true, detail: 'greeted' });
const dead = async () => ({ alive: false, detail: 'ECONNREFUSED' });

describe('TargetHealth', () => {
  it('blames the first case after which the target is gone, naming the cases beside it', async () => {
    const health = new TargetHealth(dead);
    health.started('a');
    health.started('b');
    const first = await health.afterSuspiciousEnd('a');
    expect(first).toEqual({
      kind: 'crashed',
      down: {
        since: 'a',
        message: 'the server stopped accepting connections after a (ECONNREFUSED)',
      },
      concurrent: ['b'],
    });
    expect((await health.afterSuspiciousEnd('b')).kind).toBe('down');
    expect(health.down?.since).toBe('a');
  });

  it('changes nothing while the target still greets', async () => {
    const health = new TargetHealth(alive);
    expect(await health.afterSuspiciousEnd('a')).toEqual({ kind: 'alive' });
    expect(health.down).toBeUndefined();
  });

  it('blames no case when a connect finds the target gone', async () => {
    const health = new TargetHealth(dead);
    health.started('a');
    health.ended('a');
    const after = await health.afterConnectFailure('b');
    expect(after.kind).toBe('down');
    expect(health.down?.since).toBe('a');
    expect(health.down?.message).toContain('first seen when b could not connect');
  });
});

describe('greetingCheck', () => {
  it('is alive when a connection gets a reply line, dead when refused', async () => {
    const server = createServer((socket) => socket.end('421 busy\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as { port: number }).port;
    expect((await greetingCheck({ host: '127.0.0.1', port }, 1000)()).alive).toBe(true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const gone = await greetingCheck({ host: '127.0.0.1', port }, 1000)();
    expect(gone).toEqual({ alive: false, detail: '3 connection attempts: ECONNREFUSED' });
  });
});
