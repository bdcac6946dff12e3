// Why this test? A connection slot is a shared resource. A client trickling one octet a
// minute inside DATA, or opening every slot from one address, locked everyone else out;
// RFC 5321 §7.8 allows a server to defend itself with 421 and close.
import { describe, expect, it } from 'vitest';
import { RawClient } from '../testing/raw-client.ts';
import { startTestServer } from '../testing/test-server.ts';

const OPEN_DATA = 'MAIL FROM:<s@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\nDATA\r\n';

/** Writes `piece` every `everyMs` until stopped; stops by itself after 10 s. */
function trickle(client: RawClient, piece: string, everyMs: number): () => void {
  const started = Date.now();
  const timer = setInterval(() => {
    if (client.isClosed || Date.now() - started > 10_000) clearInterval(timer);
    else client.write(piece);
  }, everyMs);
  return () => clearInterval(timer);
}

describe('fair use of connections', () => {
  it('cuts DATA arriving slower than limits.minDataRate once the grace period is over', async () => {
    const t = await startTestServer({
      limits: { minDataRate: 1000, dataRateGraceMs: 300, dataTimeoutMs: 10_000 },
    });
    const client = await t.connectEhlo();
    client.write(OPEN_DATA);
    for (const code of [250, 250, 354]) expect((await client.reply()).code).toBe(code);
    const started = Date.now();
    // 10 octets every 50 ms: 200 octets/s, and never a pause near dataTimeoutMs.
    const stop = trickle(client, 'xxxxxxxxxx', 50);
    const reply = await client.reply(5000);
    stop();
    expect(reply.code).toBe(421);
    expect(reply.enhanced?.text).toBe('4.4.2');
    expect(reply.lines[0]).toMatch(/too slow/);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await client.closedWithin()).toBe(true);
    expect(t.store.messages).toHaveLength(0);
  });

  it('ends DATA at limits.dataDeadlineMs however steadily octets arrive', async () => {
    const t = await startTestServer({ limits: { dataDeadlineMs: 400, minDataRate: 0 } });
    const client = await t.connectEhlo();
    client.write(OPEN_DATA);
    for (const code of [250, 250, 354]) expect((await client.reply()).code).toBe(code);
    const stop = trickle(client, 'x'.repeat(100), 20);
    const reply = await client.reply(5000);
    stop();
    expect(reply.code).toBe(421);
    expect(reply.lines[0]).toMatch(/took too long/);
  });

  it('applies the same limits to a BDAT chunk', async () => {
    const t = await startTestServer({ limits: { minDataRate: 1000, dataRateGraceMs: 300 } });
    const client = await t.connectEhlo();
    client.write('MAIL FROM:<s@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\n');
    for (const code of [250, 250]) expect((await client.reply()).code).toBe(code);
    client.write('BDAT 100000 LAST\r\n');
    const stop = trickle(client, 'xxxxxxxxxx', 50);
    const reply = await client.reply(5000);
    stop();
    expect(reply.code).toBe(421);
    expect(reply.lines[0]).toMatch(/too slow/);
  });

  it('serves a slow client that keeps above the minimum rate', async () => {
    const t = await startTestServer({ limits: { minDataRate: 100, dataRateGraceMs: 200 } });
    const client = await t.connectEhlo();
    client.write(OPEN_DATA);
    for (const code of [250, 250, 354]) expect((await client.reply()).code).toBe(code);
    client.write('Subject: slow\r\n\r\n');
    // About 2,000 octets/s for 600 ms, then the end of data.
    for (let i = 0; i < 12; i++) {
      client.write(`${'y'.repeat(98)}\r\n`);
      await new Promise((r) => setTimeout(r, 50));
    }
    client.write('.\r\n');
    expect((await client.reply(5000)).code).toBe(250);
  });

  it('refuses a client address over limits.maxConnectionsPerClient, and serves others', async () => {
    const t = await startTestServer({ limits: { maxConnections: 4, maxConnectionsPerClient: 2 } });
    await t.connect();
    await t.connect();
    const third = await RawClient.connect(t.server.address);
    const refused = await third.reply();
    expect(refused.code).toBe(421);
    expect(refused.enhanced?.text).toBe('4.7.0');
    expect(await third.closedWithin()).toBe(true);
    // Another client address (the whole of 127.0.0.0/8 is loopback) still gets a slot.
    const other = await RawClient.connect(t.server.address, { localAddress: '127.0.0.2' });
    expect((await other.reply()).code).toBe(220);
  });
});
