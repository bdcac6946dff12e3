import { createServer } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ERROR_CODES, hasErrorCode } from '../harness/errors.ts';
import { startReferenceServer } from './server.ts';
import { connectClient, octets } from './testing/test-server.ts';

async function startServer(config: Record<string, unknown> = {}) {
  const server = await startReferenceServer({
    config: { listen: { host: '127.0.0.1', port: 0 }, ...config },
  });
  onTestFinished(() => server.stop({ graceMs: 0 }));
  return server;
}

describe('startReferenceServer', () => {
  it('listens on an ephemeral port and reports the resolved config', async () => {
    const server = await startServer();
    expect(server.address.host).toBe('127.0.0.1');
    expect(server.address.port).toBeGreaterThan(0);
    expect(server.config.hostname).toBe('mx.smtpspec.test');
  });

  it('rejects a bad config with a ConfigError naming the key', async () => {
    const error = await startReferenceServer({ config: { limits: { maxErrors: 0 } } }).catch(
      (e: unknown) => e,
    );
    expect(hasErrorCode(error, ERROR_CODES.config)).toBe(true);
    expect((error as Error).message).toBe('limits.maxErrors: expected a positive integer');
  });

  it('reports a port in use as a ConfigError', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => {
      blocker.close();
    });
    const port = (blocker.address() as { port: number }).port;
    const error = await startReferenceServer({
      config: { listen: { host: '127.0.0.1', port } },
    }).catch((e: unknown) => e);
    expect(hasErrorCode(error, ERROR_CODES.config)).toBe(true);
    expect((error as Error).message).toContain(`cannot listen on 127.0.0.1:${port}`);
  });

  it('serves IPv6 on ::1 when the host has it', async (ctx) => {
    const server = await startReferenceServer({
      config: { listen: { host: '::1', port: 0 } },
    }).catch(() => undefined);
    if (server === undefined) return ctx.skip();
    onTestFinished(() => server.stop({ graceMs: 0 }));
    const client = await connectClient(server.address);
    expect((await client.readReply()).code).toBe(220);
    expect((await client.command('EHLO [IPv6:::1]')).code).toBe(250);
  });
});

describe('stop', () => {
  it('sends 421 to an idle session at once and closes it', async () => {
    const server = await startServer();
    const client = await connectClient(server.address);
    await client.readReply();
    await client.command('EHLO client.example');
    const stopped = server.stop({ graceMs: 10_000 });
    const reply = await client.readReply();
    expect(reply.code).toBe(421);
    expect(reply.enhanced?.text).toBe('4.3.2');
    expect(await client.expectClose()).toBe('server');
    await stopped;
  });

  it('lets a transaction in progress finish within the grace period', async () => {
    const server = await startServer();
    const client = await connectClient(server.address);
    await client.readReply();
    await client.sendRaw(
      octets(
        'EHLO client.example\r\nMAIL FROM:<s@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\n',
      ),
    );
    for (const code of [250, 250, 250]) expect((await client.readReply()).code).toBe(code);
    const stopped = server.stop({ graceMs: 10_000 });
    await client.sendRaw(octets('DATA\r\n'));
    expect((await client.readReply()).code).toBe(354);
    await client.sendRaw(octets('Subject: last one\r\n\r\nx\r\n.\r\n'));
    expect((await client.readReply()).code).toBe(250);
    // The transaction is over: now the session is told to go.
    expect((await client.readReply()).code).toBe(421);
    await stopped;
  });

  it('closes sessions still busy when the grace period ends', async () => {
    const server = await startServer();
    const client = await connectClient(server.address);
    await client.readReply();
    await client.sendRaw(octets('EHLO client.example\r\nMAIL FROM:<s@client.example>\r\n'));
    for (const code of [250, 250]) expect((await client.readReply()).code).toBe(code);
    await server.stop({ graceMs: 100 });
    expect((await client.readReply()).code).toBe(421);
    expect(await client.expectClose()).toBe('server');
  });

  it('refuses new connections once stopping', async () => {
    const server = await startServer();
    const address = server.address;
    await server.stop({ graceMs: 0 });
    await expect(connectClient(address)).rejects.toThrow();
  });
});
