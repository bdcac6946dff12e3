import { describe, expect, it, onTestFinished } from 'vitest';
import type { SmtpClientSession } from '../../harness/client/session.ts';
import type { LogFields, Logger } from '../logger.ts';
import { MemoryMessageStore } from '../message-store.ts';
import { startReferenceServer } from '../server.ts';
import { connectClient, octets } from '../testing/test-server.ts';

const USERS = { 'alice@smtpspec.test': 's3cret p\u00e4ss' };

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

async function start(config: Record<string, unknown> = {}) {
  const events: { event: string; fields: LogFields }[] = [];
  const logger: Logger = { log: (_level, event, fields = {}) => events.push({ event, fields }) };
  const store = new MemoryMessageStore();
  const server = await startReferenceServer({
    config: { listen: { port: 0 }, auth: { users: USERS }, ...config },
    store,
    logger,
  });
  onTestFinished(() => server.stop({ graceMs: 0 }));
  return { server, store, events };
}

/** Connects, EHLO, STARTTLS, handshake, EHLO again. */
async function tlsClient(address: { host: string; port: number }): Promise<SmtpClientSession> {
  const client = await connectClient(address);
  await client.readReply();
  await client.command('EHLO client.example');
  expect((await client.startTls()).reply.code).toBe(220);
  expect((await client.command('EHLO client.example')).code).toBe(250);
  return client;
}

describe('STARTTLS (RFC 3207)', () => {
  it('upgrades, then offers AUTH and no longer STARTTLS', async () => {
    const { server } = await start();
    const client = await connectClient(server.address);
    await client.readReply();
    await client.command('EHLO client.example');
    const { reply: ready, tls } = await client.startTls();
    expect(ready.code).toBe(220);
    expect(ready.enhanced?.text).toBe('2.0.0');
    expect(tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    const ehlo = await client.command('EHLO client.example');
    expect(ehlo.lines).toContain('AUTH PLAIN LOGIN');
    expect(ehlo.lines).not.toContain('STARTTLS');
  });

  it('starts the session over: EHLO is needed again', async () => {
    const { server } = await start();
    const client = await connectClient(server.address);
    await client.readReply();
    await client.command('EHLO client.example');
    await client.startTls();
    expect((await client.command('MAIL FROM:<a@client.example>')).code).toBe(503);
  });

  // Why this test? Plaintext pipelined after STARTTLS is a command injection (RFC 3207
  // §4.2, CVE-2011-0411 class): it must be discarded, never run before or after TLS.
  it('discards plaintext pipelined after STARTTLS', async () => {
    const { server, events } = await start();
    const client = await connectClient(server.address);
    await client.readReply();
    await client.command('EHLO client.example');
    const injection = 'MAIL FROM:<evil@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\n';
    const { reply, injected } = await client.startTls({ pipelined: octets(injection) });
    expect(reply.code).toBe(220);
    expect(injected).toHaveLength(0);
    const ehlo = await client.command('EHLO client.example');
    expect(ehlo.lines[0]).toBe('mx.smtpspec.test Hello client.example');
    expect((await client.command('MAIL FROM:<a@client.example>')).code).toBe(250);
    const discarded = events.find((e) => e.event === 'starttls.plaintext-discarded');
    expect(discarded?.fields.octets).toBe(
      Buffer.byteLength('MAIL FROM:<evil@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\n'),
    );
  });

  it('refuses STARTTLS under TLS (503) and with an argument (501)', async () => {
    const { server } = await start();
    const plain = await connectClient(server.address);
    await plain.readReply();
    await plain.command('EHLO client.example');
    expect((await plain.command('STARTTLS now')).code).toBe(501);
    const client = await tlsClient(server.address);
    expect((await client.command('STARTTLS')).code).toBe(503);
  });

  it('marks mail received over TLS as ESMTPS', async () => {
    const { server, store } = await start();
    const client = await tlsClient(server.address);
    await client.sendRaw(
      octets('MAIL FROM:<s@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\nDATA\r\n'),
    );
    for (const code of [250, 250, 354]) expect((await client.readReply()).code).toBe(code);
    await client.sendRaw(octets('Subject: x\r\n\r\nx\r\n.\r\n'));
    expect((await client.readReply()).code).toBe(250);
    expect(store.messages[0]?.content.toString()).toContain(' with ESMTPS id ');
    expect(store.messages[0]?.envelope.client.tls).toBe(true);
  });
});

describe('AUTH (RFC 4954)', () => {
  it.each([
    [
      'AUTH PLAIN with initial response',
      [`AUTH PLAIN ${b64(`\0alice@smtpspec.test\0${USERS['alice@smtpspec.test']}`)}`],
      [235],
    ],
    [
      'AUTH PLAIN after an empty challenge',
      ['AUTH PLAIN', b64(`\0alice@smtpspec.test\0${USERS['alice@smtpspec.test']}`)],
      [334, 235],
    ],
    [
      'AUTH PLAIN with authzid = authcid',
      [
        `AUTH PLAIN ${b64(`alice@smtpspec.test\0alice@smtpspec.test\0${USERS['alice@smtpspec.test']}`)}`,
      ],
      [235],
    ],
    [
      'AUTH LOGIN',
      ['AUTH LOGIN', b64('alice@smtpspec.test'), b64(USERS['alice@smtpspec.test'])],
      [334, 334, 235],
    ],
    [
      'AUTH login (lower case)',
      [`auth login ${b64('alice@smtpspec.test')}`, b64(USERS['alice@smtpspec.test'])],
      [334, 235],
    ],
    ['a wrong password', [`AUTH PLAIN ${b64('\0alice@smtpspec.test\0wrong')}`], [535]],
    ['an unknown user', ['AUTH LOGIN', b64('mallory'), b64('x')], [334, 334, 535]],
    [
      'another authzid',
      [`AUTH PLAIN ${b64(`bob\0alice@smtpspec.test\0${USERS['alice@smtpspec.test']}`)}`],
      [535],
    ],
    ['the empty initial response', ['AUTH PLAIN ='], [535]],
    ['a cancel with *', ['AUTH LOGIN', '*'], [334, 501]],
    ['a response that is not base64', ['AUTH PLAIN', 'not base64!'], [334, 501]],
    ['an unknown mechanism', ['AUTH CRAM-MD5'], [504]],
    ['an over-long response line', ['AUTH PLAIN', 'QUFB'.repeat(3100)], [334, 500]],
  ] as const)('%s', async (_name, lines, codes) => {
    const { server } = await start();
    const client = await tlsClient(server.address);
    const got: number[] = [];
    for (const line of lines) got.push((await client.command(line)).code);
    expect(got).toEqual(codes);
    expect((await client.command('NOOP')).code).toBe(250);
  });

  it('gives 535 5.7.8 and 235 2.7.0 as enhanced codes, and 503 to a second AUTH', async () => {
    const { server } = await start();
    const client = await tlsClient(server.address);
    const bad = await client.command(`AUTH PLAIN ${b64('\0alice@smtpspec.test\0nope')}`);
    expect(bad.enhanced?.text).toBe('5.7.8');
    const good = await client.command(
      `AUTH PLAIN ${b64(`\0alice@smtpspec.test\0${USERS['alice@smtpspec.test']}`)}`,
    );
    expect(good.code).toBe(235);
    expect(good.enhanced?.text).toBe('2.7.0');
    expect((await client.command('AUTH LOGIN')).code).toBe(503);
  });

  it('refuses AUTH inside a mail transaction with 503', async () => {
    const { server } = await start();
    const client = await tlsClient(server.address);
    await client.command('MAIL FROM:<a@client.example>');
    expect((await client.command('AUTH LOGIN')).code).toBe(503);
  });

  it('lets an authenticated client relay and records ESMTPSA', async () => {
    const { server, store } = await start();
    const client = await tlsClient(server.address);
    await client.command('MAIL FROM:<a@client.example>');
    expect((await client.command('RCPT TO:<friend@foreign.example>')).code).toBe(550);
    await client.command('RSET');
    await client.command(
      `AUTH PLAIN ${b64(`\0alice@smtpspec.test\0${USERS['alice@smtpspec.test']}`)}`,
    );
    await client.sendRaw(
      octets('MAIL FROM:<alice@smtpspec.test>\r\nRCPT TO:<friend@foreign.example>\r\nDATA\r\n'),
    );
    for (const code of [250, 250, 354]) expect((await client.readReply()).code).toBe(code);
    await client.sendRaw(octets('Subject: relay\r\n\r\nx\r\n.\r\n'));
    expect((await client.readReply()).code).toBe(250);
    const [message] = store.messages;
    expect(message?.envelope.recipients).toEqual([
      { address: 'friend@foreign.example', local: false },
    ]);
    expect(message?.envelope.client.authenticatedAs).toBe('alice@smtpspec.test');
    expect(message?.content.toString()).toContain(' with ESMTPSA id ');
  });

  it('does not let authenticated clients relay when relay.allowAuthenticated is false', async () => {
    const { server } = await start({ relay: { allowAuthenticated: false } });
    const client = await tlsClient(server.address);
    await client.command(
      `AUTH PLAIN ${b64(`\0alice@smtpspec.test\0${USERS['alice@smtpspec.test']}`)}`,
    );
    await client.command('MAIL FROM:<alice@smtpspec.test>');
    expect((await client.command('RCPT TO:<friend@foreign.example>')).code).toBe(550);
  });
});
