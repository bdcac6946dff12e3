import { describe, expect, it } from 'vitest';
import { connectClient, octets, startTestServer } from '../testing/test-server.ts';

describe('command lines (RFC 5321 §2.3.8, §4.5.3.1.4)', () => {
  it.each([
    ['a 600-octet unknown command', `X${'A'.repeat(600)}`],
    ['a 600-octet MAIL line', `MAIL FROM:<${'a'.repeat(580)}@client.example>`],
    ['a 513-octet NOOP line (one over the limit)', `NOOP ${'x'.repeat(506)}`],
  ])('%s gets 500 5.5.2 and the session continues', async (_name, line) => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    const reply = await client.command(line);
    expect(reply.code).toBe(500);
    expect(reply.enhanced?.text).toBe('5.5.2');
    expect((await client.command('NOOP')).code).toBe(250);
    expect((await client.command('MAIL FROM:<a@client.example>')).code).toBe(250);
  });

  it('accepts a command line of exactly 512 octets', async () => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    expect((await client.command(`NOOP ${'x'.repeat(505)}`)).code).toBe(250);
  });

  it.each([
    // A bare CR/LF inside the verb makes it an unknown word (500); inside arguments, 501.
    ['bare LF inside', 'NOOP\nNOOP\r\n', [500, 501]],
    ['bare CR inside', 'NOOP\rRSET\r\n', [500, 501]],
    ['bare LF in MAIL', 'MAIL FROM:<a@client.example>\nRCPT TO:<alice@smtpspec.test>\r\n', [501]],
    ['NUL', 'NOOP a\x00b\r\n', [501]],
    ['8-bit octets in the verb', 'NO\xffOP\r\n', [500]],
    ['octets that are not UTF-8 in MAIL', 'MAIL FROM:<\xe9@client.example>\r\n', [501]],
  ])('%s: one error reply, nothing executed, session continues', async (_name, bytes, codes) => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    await client.sendRaw(octets(bytes));
    expect(codes).toContain((await client.readReply()).code);
    // Nothing after the bare CR/LF ran: there is no transaction now.
    expect((await client.command('RCPT TO:<alice@smtpspec.test>')).code).toBe(503);
  });

  it('answers pipelined commands in order, in one batch (RFC 2920)', async () => {
    const t = await startTestServer();
    const client = await t.connect();
    const lines = [
      'EHLO client.example',
      'MAIL FROM:<s@client.example>',
      'RCPT TO:<alice@smtpspec.test>',
      'RCPT TO:<nobody@smtpspec.test>',
      'RCPT TO:<bob@smtpspec.test>',
      'RSET',
      'RCPT TO:<alice@smtpspec.test>',
      'NOOP',
    ];
    await client.sendRaw(octets(`${lines.join('\r\n')}\r\n`));
    const codes: number[] = [];
    for (const _ of lines) codes.push((await client.readReply()).code);
    expect(codes).toEqual([250, 250, 250, 550, 250, 250, 503, 250]);
  });
});

describe('session limits', () => {
  it('closes with 421 4.7.0 after maxErrors error replies', async () => {
    const t = await startTestServer({ limits: { maxErrors: 3 } });
    const client = await t.connect();
    await client.sendRaw(octets('XA\r\nXB\r\nXC\r\nNOOP\r\n'));
    const codes = [
      (await client.readReply()).code,
      (await client.readReply()).code,
      (await client.readReply()).code,
    ];
    expect(codes).toEqual([500, 500, 500]);
    const last = await client.readReply();
    expect(last.code).toBe(421);
    expect(last.enhanced?.text).toBe('4.7.0');
    expect(await client.expectClose()).toBe('server');
  });

  it('closes an idle session with 421 4.4.2 after commandTimeoutMs', async () => {
    const t = await startTestServer({ limits: { commandTimeoutMs: 150 } });
    const client = await t.connect();
    const reply = await client.readReply();
    expect(reply.code).toBe(421);
    expect(reply.enhanced?.text).toBe('4.4.2');
    expect(await client.expectClose()).toBe('server');
  });

  it('bounds a command line by the timeout even while octets trickle in', async () => {
    const t = await startTestServer({ limits: { commandTimeoutMs: 300 } });
    const client = await t.connect();
    // A write may fail once the server closed; the 421 is what counts.
    const timer = setInterval(() => void client.sendRaw(octets('A')).catch(() => undefined), 20);
    try {
      expect((await client.readReply()).code).toBe(421);
    } finally {
      clearInterval(timer);
    }
  });

  it('closes with 421 when DATA content stalls past dataTimeoutMs', async () => {
    const t = await startTestServer({ limits: { dataTimeoutMs: 150 } });
    const client = await t.connectEhlo();
    await client.sendRaw(
      octets('MAIL FROM:<s@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\nDATA\r\n'),
    );
    for (const code of [250, 250, 354]) expect((await client.readReply()).code).toBe(code);
    await client.sendRaw(octets('Subject: stalled\r\n'));
    expect((await client.readReply()).code).toBe(421);
    expect(t.store.messages).toHaveLength(0);
  });

  it('survives a client streaming 8 MB of garbage without a line end', async () => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    const block = Buffer.alloc(64 * 1024, 0x58);
    for (let i = 0; i < 128; i++) await client.sendRaw(block);
    await client.sendRaw(octets('\r\n'));
    const reply = await client.readReply({ timeoutMs: 20_000 });
    expect(reply.code).toBe(500);
    expect((await client.command('NOOP')).code).toBe(250);
  });

  it('refuses connections beyond maxConnections with 421 4.7.0', async () => {
    const t = await startTestServer({ limits: { maxConnections: 2 } });
    await t.connect();
    await t.connect();
    const third = await connectClient(t.server.address);
    const reply = await third.readReply();
    expect(reply.code).toBe(421);
    expect(reply.enhanced?.text).toBe('4.7.0');
    expect(await third.expectClose()).toBe('server');
  });

  it('frees a connection slot when a session ends', async () => {
    const t = await startTestServer({ limits: { maxConnections: 1 } });
    const first = await t.connect();
    await first.command('QUIT');
    expect(await first.expectClose()).toBe('server');
    const deadline = Date.now() + 5000;
    while (t.server.sessionCount > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    const second = await t.connect();
    expect((await second.command('NOOP')).code).toBe(250);
  });
});

describe('early talkers (RFC 5321 §4.3.1, §3.1)', () => {
  it('answers a client that speaks before the greeting with 554, then only QUIT', async () => {
    const t = await startTestServer({ limits: { greetingDelayMs: 300 } });
    const client = await connectClient(t.server.address);
    await client.sendRaw(octets('EHLO eager.example\r\n'));
    const greeting = await client.readReply();
    expect(greeting.code).toBe(554);
    expect(greeting.enhanced).toBeUndefined();
    expect((await client.command('MAIL FROM:<a@client.example>')).code).toBe(503);
    expect((await client.command('QUIT')).code).toBe(221);
    expect(await client.expectClose()).toBe('server');
  });

  it('greets a client that waits with 220', async () => {
    const t = await startTestServer({ limits: { greetingDelayMs: 50 } });
    const client = await connectClient(t.server.address);
    expect((await client.readReply()).code).toBe(220);
  });
});
