import { describe, expect, it, onTestFinished } from 'vitest';
import type { SmtpClientSession } from '../../harness/client/session.ts';
import { MemoryMessageStore, type MessageStore } from '../message-store.ts';
import { startReferenceServer } from '../server.ts';
import { connectClient, octets, startTestServer } from '../testing/test-server.ts';

const TRANSACTION =
  'EHLO client.example\r\nMAIL FROM:<sender@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\n';

/** Opens a transaction for alice and sends DATA; resolves after the 354. */
async function openData(client: SmtpClientSession): Promise<void> {
  await client.sendRaw(octets(`${TRANSACTION}DATA\r\n`));
  for (const code of [250, 250, 250]) expect((await client.readReply()).code).toBe(code);
  expect((await client.readReply()).code).toBe(354);
}

describe('DATA', () => {
  it('accepts a whole pipelined transaction sent in one write (RFC 2920)', async () => {
    const t = await startTestServer();
    const client = await t.connect();
    await client.sendRaw(
      octets(
        `${TRANSACTION}RCPT TO:<bob@smtpspec.test>\r\nDATA\r\nSubject: one write\r\n\r\nbody\r\n.\r\nQUIT\r\n`,
      ),
    );
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push((await client.readReply()).code);
    expect(codes).toEqual([250, 250, 250, 250, 354, 250, 221]);
    const [message] = await t.store.waitForCount(1, 5000);
    expect(message?.envelope.recipients.map((r) => r.address)).toEqual([
      'alice@smtpspec.test',
      'bob@smtpspec.test',
    ]);
    expect(message?.envelope.reversePath).toBe('sender@client.example');
  });

  it('stores unstuffed content after a Received: field, and replies with the queue id', async () => {
    const t = await startTestServer();
    const client = await t.connect();
    await openData(client);
    await client.sendRaw(octets('Subject: dots\r\n\r\n..leading dot\r\n...two\r\n.\r\n'));
    const reply = await client.readReply();
    expect(reply.code).toBe(250);
    expect(reply.enhanced?.text).toBe('2.0.0');
    const [message] = t.store.messages;
    expect(reply.lines[0]).toContain(message?.queueId);
    const text = message?.content.toString('latin1') ?? '';
    expect(text).toMatch(
      /^Received: from client\.example \(\[127\.0\.0\.1\]\)\r\n\tby mx\.smtpspec\.test with ESMTP id \S+\r\n\tfor <alice@smtpspec\.test>; /,
    );
    expect(text.endsWith('Subject: dots\r\n\r\n.leading dot\r\n..two\r\n')).toBe(true);
    expect(message?.envelope.client).toEqual({
      address: '127.0.0.1',
      helo: 'client.example',
      tls: false,
    });
  });

  it('accepts empty content (only our Received: field is stored)', async () => {
    const t = await startTestServer();
    const client = await t.connect();
    await openData(client);
    await client.sendRaw(octets('.\r\n'));
    expect((await client.readReply()).code).toBe(250);
    expect(t.store.messages[0]?.content.toString()).toMatch(/^Received: [\s\S]*\r\n$/);
  });

  // Why this test? RFC 5321 §4.1.1.4: only CRLF.CRLF ends the data; bare LF/CR and every
  // smuggling look-alike must not, or a smuggled second message would be accepted.
  it.each([
    ['\n.\n'],
    ['\n.\r\n'],
    ['\r\n.\n'],
    ['\r\n.\r'],
    ['\r.\r\n'],
    ['\r.\n'],
    ['\r.\r'],
    ['\n.\r'],
    ['\n'],
    ['\r'],
  ])('%j never ends DATA; the message is refused at the real end', async (lookAlike) => {
    const t = await startTestServer();
    const client = await t.connect();
    await openData(client);
    const smuggled =
      'MAIL FROM:<evil@client.example>\r\nRCPT TO:<bob@smtpspec.test>\r\nDATA\r\nSmuggled\r\n';
    await client.sendRaw(octets(`Subject: x\r\n\r\nfirst${lookAlike}${smuggled}.\r\nNOOP\r\n`));
    const final = await client.readReply();
    expect(final.code).toBe(554);
    expect(final.enhanced?.text).toBe('5.6.0');
    expect((await client.readReply()).code).toBe(250); // the NOOP, in step
    expect(t.store.messages).toHaveLength(0);
  });

  it('is not fooled by a terminator split over several TCP writes around a bare LF', async () => {
    const t = await startTestServer();
    const client = await t.connect();
    await openData(client);
    for (const part of ['Subject: x\r\n\r\nline\n', '.', '\n', 'more\r\n', '.', '\r', '\n'])
      await client.sendRaw(octets(part));
    expect((await client.readReply()).code).toBe(554);
  });

  it('refuses oversized content with 552 after the end, storing nothing, and goes on', async () => {
    const t = await startTestServer({ limits: { maxMessageSize: 1000 } });
    const client = await t.connect();
    const ehlo = await client.command('EHLO client.example');
    expect(ehlo.lines).toContain('SIZE 1000');
    expect((await client.command('MAIL FROM:<s@client.example> SIZE=1001')).code).toBe(552);
    await client.sendRaw(
      octets('MAIL FROM:<s@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\nDATA\r\n'),
    );
    for (const code of [250, 250, 354]) expect((await client.readReply()).code).toBe(code);
    await client.sendRaw(octets(`${'x'.repeat(70)}\r\n`.repeat(100)));
    await client.sendRaw(octets('.\r\n'));
    const reply = await client.readReply();
    expect(reply.code).toBe(552);
    expect(reply.enhanced?.text).toBe('5.3.4');
    expect((await client.command('NOOP')).code).toBe(250);
    expect(t.store.messages).toHaveLength(0);
  });

  it.each([
    [100, 250],
    [101, 554],
  ])('with %i Received: fields replies %i (loop detection, RFC 5321 §6.3)', async (count, code) => {
    const t = await startTestServer();
    const client = await t.connect();
    await openData(client);
    await client.sendRaw(
      octets(
        `${'Received: from a.example by b.example; Sat, 28 Nov 2026 16:00:00 +0000\r\n'.repeat(count)}Subject: loop\r\n\r\nx\r\n.\r\n`,
      ),
    );
    const reply = await client.readReply();
    expect(reply.code).toBe(code);
    if (code === 554) expect(reply.enhanced?.text).toBe('5.4.6');
  });

  it('accepts 100 recipients and refuses the 101st with 452 (RFC 5321 §4.5.3.1.8)', async () => {
    const t = await startTestServer({
      mailboxes: Array.from({ length: 101 }, (_, i) => `user${i}`),
    });
    const client = await t.connectEhlo();
    const lines = ['MAIL FROM:<s@client.example>'];
    for (let i = 0; i < 101; i++) lines.push(`RCPT TO:<user${i}@smtpspec.test>`);
    await client.sendRaw(octets(`${lines.join('\r\n')}\r\n`));
    const codes: number[] = [];
    for (let i = 0; i < lines.length; i++) codes.push((await client.readReply()).code);
    expect(codes.slice(0, 101).every((c) => c === 250)).toBe(true);
    expect(codes[101]).toBe(452);
    await client.sendRaw(octets('DATA\r\n'));
    expect((await client.readReply()).code).toBe(354);
    await client.sendRaw(octets('Subject: many\r\n\r\nx\r\n.\r\n'));
    expect((await client.readReply()).code).toBe(250);
    expect(t.store.messages[0]?.envelope.recipients).toHaveLength(100);
    // With more than one recipient, Received: names none of them (RFC 5321 §7.6).
    expect(t.store.messages[0]?.content.toString()).not.toMatch(/\tfor </);
  });

  it('answers 451 4.3.0 when the store fails, and keeps the session', async () => {
    const failing: MessageStore = {
      begin: () => ({
        write: async () => {},
        commit: () => Promise.reject(new Error('disk full')),
        discard: async () => {},
      }),
    };
    const server = await startReferenceServer({ config: { listen: { port: 0 } }, store: failing });
    onTestFinished(() => server.stop({ graceMs: 0 }));
    const client = await connectClient(server.address);
    await client.readReply();
    await openData(client);
    await client.sendRaw(octets('Subject: x\r\n\r\nx\r\n.\r\n'));
    const reply = await client.readReply();
    expect(reply.code).toBe(451);
    expect(reply.enhanced?.text).toBe('4.3.0');
    expect((await client.command('NOOP')).code).toBe(250);
  });

  it('replies only after the store has the message (RFC 5321 §6.1)', async () => {
    const store = new MemoryMessageStore();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: MessageStore = {
      begin: (envelope) => {
        const draft = store.begin(envelope);
        return { ...draft, commit: () => gate.then(() => draft.commit()) };
      },
    };
    const server = await startReferenceServer({ config: { listen: { port: 0 } }, store: slow });
    onTestFinished(() => server.stop({ graceMs: 0 }));
    const client = await connectClient(server.address);
    await client.readReply();
    await openData(client);
    await client.sendRaw(octets('Subject: x\r\n\r\nx\r\n.\r\n'));
    await expect(client.readReply({ timeoutMs: 300 })).rejects.toThrow('no reply within 300 ms');
    release();
    expect((await client.readReply()).code).toBe(250);
    expect(store.messages).toHaveLength(1);
  });

  it('lets the onData hook refuse a message', async () => {
    const t = await startTestServer(
      {},
      {
        onData: async () => ({
          kind: 'reject',
          code: 550,
          enhanced: '5.7.1',
          text: 'Content refused by policy',
        }),
      },
    );
    const client = await t.connect();
    await openData(client);
    await client.sendRaw(octets('Subject: x\r\n\r\nx\r\n.\r\n'));
    const reply = await client.readReply();
    expect(reply.code).toBe(550);
    expect(reply.lines[0]).toBe('5.7.1 Content refused by policy');
    expect(t.store.messages).toHaveLength(0);
  });

  it('records DSN and SMTPUTF8 envelope parameters', async () => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    const lines = [
      'MAIL FROM:<s@client.example> RET=HDRS ENVID=QQ+2B1 BODY=8BITMIME SIZE=50 SMTPUTF8',
      'RCPT TO:<alice@smtpspec.test> NOTIFY=FAILURE,DELAY ORCPT=rfc822;alice@smtpspec.test',
      'DATA',
    ];
    await client.sendRaw(octets(`${lines.join('\r\n')}\r\n`));
    for (const code of [250, 250, 354]) expect((await client.readReply()).code).toBe(code);
    await client.sendRaw(octets('Subject: x\r\n\r\nx\r\n.\r\n'));
    expect((await client.readReply()).code).toBe(250);
    const envelope = t.store.messages[0]?.envelope;
    expect(envelope).toMatchObject({
      ret: 'HDRS',
      envid: 'QQ+2B1',
      body: '8BITMIME',
      size: 50,
      smtputf8: true,
    });
    expect(envelope?.recipients[0]).toEqual({
      address: 'alice@smtpspec.test',
      local: true,
      notify: ['FAILURE', 'DELAY'],
      orcpt: 'rfc822;alice@smtpspec.test',
    });
    expect(t.store.messages[0]?.content.toString()).toContain(' with UTF8SMTP id ');
  });
});
