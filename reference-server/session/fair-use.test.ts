// Why this test? A connection slot is a shared resource. A client trickling one octet a
// minute inside DATA, or opening every slot from one address, locked everyone else out;
// RFC 5321 §7.8 allows a server to defend itself with 421 and close.
import { connect } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { SmtpClientSession } from '../../harness/client/session.ts';
import { ReplyParser } from '../../harness/wire/reply.ts';
import { connectClient, octets, startTestServer, withTimeout } from '../testing/test-server.ts';

const OPEN_DATA = 'MAIL FROM:<s@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\nDATA\r\n';

/** Writes `piece` every `everyMs` until stopped or closed; stops by itself after 10 s. */
function trickle(client: SmtpClientSession, piece: string, everyMs: number): () => void {
  const started = Date.now();
  const timer = setInterval(() => {
    if (client.isClosed || Date.now() - started > 10_000) clearInterval(timer);
    // A write may fail once the server closed; the 421 is what counts.
    else void client.sendRaw(octets(piece)).catch(() => undefined);
  }, everyMs);
  onTestFinished(() => clearInterval(timer));
  return () => clearInterval(timer);
}

/** The greeting's code on a connection from `localAddress` (another loopback address). */
async function greetingFrom(
  address: { host: string; port: number },
  localAddress: string,
): Promise<number> {
  const socket = connect({ ...address, localAddress });
  onTestFinished(() => {
    socket.destroy();
  });
  const parser = new ReplyParser();
  const code = new Promise<number>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      for (const e of parser.push(chunk)) if (e.kind === 'reply') resolve(e.reply.code);
    });
  });
  return withTimeout(code, 5000, 'greeting');
}

describe('fair use of connections', () => {
  it('cuts DATA arriving slower than limits.minDataRate once the grace period is over', async () => {
    const t = await startTestServer({
      limits: { minDataRate: 1000, dataRateGraceMs: 300, dataTimeoutMs: 10_000 },
    });
    const client = await t.connectEhlo();
    await client.sendRaw(octets(OPEN_DATA));
    for (const code of [250, 250, 354]) expect((await client.readReply()).code).toBe(code);
    const started = Date.now();
    // 10 octets every 50 ms: 200 octets/s, and never a pause near dataTimeoutMs.
    const stop = trickle(client, 'xxxxxxxxxx', 50);
    const reply = await client.readReply({ timeoutMs: 5000 });
    stop();
    expect(reply.code).toBe(421);
    expect(reply.enhanced?.text).toBe('4.4.2');
    expect(reply.lines[0]).toMatch(/too slow/);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await client.expectClose()).toBe('server');
    expect(t.store.messages).toHaveLength(0);
  });

  it('ends DATA at limits.dataDeadlineMs however steadily octets arrive', async () => {
    const t = await startTestServer({ limits: { dataDeadlineMs: 400, minDataRate: 0 } });
    const client = await t.connectEhlo();
    await client.sendRaw(octets(OPEN_DATA));
    for (const code of [250, 250, 354]) expect((await client.readReply()).code).toBe(code);
    const stop = trickle(client, 'x'.repeat(100), 20);
    const reply = await client.readReply({ timeoutMs: 5000 });
    stop();
    expect(reply.code).toBe(421);
    expect(reply.lines[0]).toMatch(/took too long/);
  });

  it('applies the same limits to a BDAT chunk', async () => {
    const t = await startTestServer({ limits: { minDataRate: 1000, dataRateGraceMs: 300 } });
    const client = await t.connectEhlo();
    await client.sendRaw(
      octets('MAIL FROM:<s@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\n'),
    );
    for (const code of [250, 250]) expect((await client.readReply()).code).toBe(code);
    await client.sendRaw(octets('BDAT 100000 LAST\r\n'));
    const stop = trickle(client, 'xxxxxxxxxx', 50);
    const reply = await client.readReply({ timeoutMs: 5000 });
    stop();
    expect(reply.code).toBe(421);
    expect(reply.lines[0]).toMatch(/too slow/);
  });

  // Why this test? Slow clients from as many addresses as there are slots held every slot
  // for the whole grace period (60 s by default), so a normal client was refused that long.
  it('once a client is turned away for want of a slot, slow transfers get 5 s of grace, not 60', async () => {
    const t = await startTestServer({
      limits: {
        maxConnections: 3,
        maxConnectionsPerClient: 3,
        minDataRate: 1000,
        dataRateGraceMs: 60_000,
        dataTimeoutMs: 10_000,
      },
    });
    const slow: SmtpClientSession[] = [];
    for (let i = 0; i < 3; i++) {
      const client = await t.connectEhlo();
      await client.sendRaw(octets(OPEN_DATA));
      for (const code of [250, 250, 354]) expect((await client.readReply()).code).toBe(code);
      slow.push(client);
    }
    const started = Date.now();
    const stops = slow.map((client) => trickle(client, 'x', 200));
    // A fourth client is turned away: every slot is taken.
    const turnedAway = await connectClient(t.server.address);
    expect((await turnedAway.readReply({ what: 'greeting' })).code).toBe(421);
    for (const client of slow) {
      const reply = await client.readReply({ timeoutMs: 10_000 });
      expect(reply.code).toBe(421);
      expect(reply.lines[0]).toMatch(/too slow/);
    }
    for (const stop of stops) stop();
    // The grace shrinks to 5 s while the server is full, instead of 60 s.
    expect(Date.now() - started).toBeLessThan(8000);
    // The slots are free again for everyone else.
    const next = await t.connectEhlo();
    expect((await next.command('NOOP')).code).toBe(250);
  });

  it('on a full server, a transfer that starts gets going before the rate counts', async () => {
    const t = await startTestServer({
      limits: { maxConnections: 2, maxConnectionsPerClient: 2, minDataRate: 1000 },
    });
    await t.connectEhlo();
    const client = await t.connectEhlo();
    const turnedAway = await connectClient(t.server.address);
    expect((await turnedAway.readReply({ what: 'greeting' })).code).toBe(421);
    await client.sendRaw(octets(OPEN_DATA));
    for (const code of [250, 250, 354]) expect((await client.readReply()).code).toBe(code);
    await new Promise((r) => setTimeout(r, 500));
    await client.sendRaw(octets('Subject: prompt\r\n\r\nhello\r\n.\r\n'));
    expect((await client.readReply({ timeoutMs: 5000 })).code).toBe(250);
  });

  it('keeps the grace period while slots are free', async () => {
    const t = await startTestServer({
      limits: { maxConnections: 10, minDataRate: 1000, dataRateGraceMs: 60_000 },
    });
    const client = await t.connectEhlo();
    await client.sendRaw(octets(OPEN_DATA));
    for (const code of [250, 250, 354]) expect((await client.readReply()).code).toBe(code);
    const stop = trickle(client, 'x', 200);
    await client.expectNoReply(1500);
    stop();
  });

  it('serves a slow client that keeps above the minimum rate', async () => {
    const t = await startTestServer({ limits: { minDataRate: 100, dataRateGraceMs: 200 } });
    const client = await t.connectEhlo();
    await client.sendRaw(octets(OPEN_DATA));
    for (const code of [250, 250, 354]) expect((await client.readReply()).code).toBe(code);
    await client.sendRaw(octets('Subject: slow\r\n\r\n'));
    // About 2,000 octets/s for 600 ms, then the end of data.
    for (let i = 0; i < 12; i++) {
      await client.sendRaw(octets(`${'y'.repeat(98)}\r\n`));
      await new Promise((r) => setTimeout(r, 50));
    }
    await client.sendRaw(octets('.\r\n'));
    expect((await client.readReply({ timeoutMs: 5000 })).code).toBe(250);
  });

  it('refuses a client address over limits.maxConnectionsPerClient, and serves others', async () => {
    const t = await startTestServer({ limits: { maxConnections: 4, maxConnectionsPerClient: 2 } });
    await t.connect();
    await t.connect();
    const third = await connectClient(t.server.address);
    const refused = await third.readReply({ what: 'greeting' });
    expect(refused.code).toBe(421);
    expect(refused.enhanced?.text).toBe('4.7.0');
    expect(await third.expectClose()).toBe('server');
    // Another client address (the whole of 127.0.0.0/8 is loopback) still gets a slot.
    expect(await greetingFrom(t.server.address, '127.0.0.2')).toBe(220);
  });
});
