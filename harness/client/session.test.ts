import { createServer } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { DefectName } from '../../fixtures/test-mta/defects/index.ts';
import { INJECTED_REPLY } from '../../fixtures/test-mta/defects/rfc3207-plaintext-after-220.ts';
import { startTestMta, type TestMta } from '../../fixtures/test-mta/test-mta.ts';
import { ERROR_CODES } from '../errors.ts';
import { parseTranscriptJson, transcriptToJson } from '../transcript/json.ts';
import { renderTranscript } from '../transcript/render.ts';
import { Transcript } from '../transcript/transcript.ts';
import type { SmtpClientSession } from './session.ts';
import { testCertificate } from './testing/certs.ts';
import { hostileServer, sessionTo } from './testing/fixtures.ts';
import { say } from './testing/hostile-server.ts';

/** The test MTA (the reference MTA, `defects` planted), stopped when the test finishes. */
async function mta(
  options: { host?: '::1'; defects?: DefectName[] } = {},
): Promise<TestMta & { host: string; port: number }> {
  const server = await startTestMta(options);
  onTestFinished(() => server.stop());
  return Object.assign(server, server.address());
}

/** A stored message without the Received: field the MTA put first (RFC 5321 §4.4). */
function withoutTrace(content: Buffer | undefined): string {
  return (content?.toString('latin1') ?? '').replace(/^Received:.*\r\n(?:[ \t].*\r\n)*/, '');
}

/** The rendered transcript lines without their timestamps. */
function lines(session: SmtpClientSession): string[] {
  return renderTranscript(session.transcript)
    .split('\n')
    .slice(1, -1)
    .map((l) => l.slice(11));
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected a rejection');
}

async function hasIpv6Loopback(): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

describe('SmtpClientSession against a well-behaved server', () => {
  it('runs a whole mail transaction and records every byte', async () => {
    const server = await mta();
    const session = await sessionTo(server, { label: 'client/basic' });
    expect((await session.readReply({ what: 'greeting' })).code).toBe(220);
    const ehlo = await session.command('EHLO client.test');
    expect(ehlo.lines).toContain('PIPELINING');
    expect((await session.command('MAIL FROM:<a@client.test>')).code).toBe(250);
    expect((await session.command('RCPT TO:<alice@smtpspec.test>')).code).toBe(250);
    expect((await session.command('DATA')).code).toBe(354);
    await session.sendMessage(Buffer.from('Subject: t\r\n\r\n.leading dot\r\nlast'));
    expect((await session.readReply()).code).toBe(250);
    expect((await session.command('QUIT')).code).toBe(221);
    expect(await session.expectClose()).toBe('server');
    expect(session.isClosed).toBe(true);
    // RFC 5321 §4.5.2: stuffed on the wire, unstuffed by the server.
    expect(withoutTrace(server.messages[0]?.content)).toBe(
      'Subject: t\r\n\r\n.leading dot\r\nlast\r\n',
    );
    const shown = lines(session);
    expect(shown[0]).toBe(`connect ${server.host}:${server.port}`);
    expect(shown).toContain('C: Subject: t\\r\\n\\r\\n..leading dot\\r\\nlast\\r\\n.\\r\\n');
    expect(shown.at(-1)).toBe('close by server');
    expect(session.transcript.label).toBe('client/basic');
  });

  it('sends a large message in one write, elided in the transcript', async () => {
    const server = await mta();
    const session = await sessionTo(server);
    await session.readReply();
    await session.command('EHLO client.test');
    await session.command('MAIL FROM:<a@client.test>');
    await session.command('RCPT TO:<alice@smtpspec.test>');
    await session.command('DATA');
    const content = Buffer.from(`${'x'.repeat(78)}\r\n`.repeat(40_000));
    await session.sendMessage(content);
    expect((await session.readReply({ what: 'reply to message' })).code).toBe(250);
    expect(withoutTrace(server.messages[0]?.content)).toHaveLength(content.length);
    const write = lines(session).find((l) => l.includes('octets elided'));
    expect(write).toContain(`... ${content.length + 3 - 2048} octets elided ...`);
    expect(write?.endsWith('x\\r\\n.\\r\\n')).toBe(true);
  });

  // Why this test? The relay client streams large messages from the spool: a piece may end
  // just before a line's leading dot, or between its CR and LF, and stuffing must not care.
  it('sends a message given in pieces, stuffed across piece boundaries', async () => {
    const server = await mta();
    const session = await sessionTo(server);
    await session.readReply();
    await session.command('EHLO client.test');
    await session.command('MAIL FROM:<a@client.test>');
    await session.command('RCPT TO:<alice@smtpspec.test>');
    await session.command('DATA');
    const pieces = [
      'Subject: p\r\n\r\nfirst\r',
      '\n',
      '.dot after a split CRLF\r\n',
      '..two\r\nend',
    ];
    await session.sendMessageStream(
      (async function* () {
        for (const piece of pieces) yield Buffer.from(piece, 'latin1');
      })(),
    );
    expect((await session.readReply()).code).toBe(250);
    expect(withoutTrace(server.messages[0]?.content)).toBe(`${pieces.join('')}\r\n`);
    const after = lines(session).indexOf('C: DATA\\r\\n');
    const sent = lines(session)
      .slice(after + 1)
      .filter((l) => l.startsWith('C: '))
      .map((l) => l.slice(3));
    expect(sent.join('')).toBe(
      'Subject: p\\r\\n\\r\\nfirst\\r\\n..dot after a split CRLF\\r\\n...two\\r\\nend\\r\\n.\\r\\n',
    );
  });

  // Why this test? Cases about CR and LF in separate segments depend on separate writes.
  it('makes each part of sendRaw its own write and its own C: line', async () => {
    const server = await mta();
    const session = await sessionTo(server);
    await session.readReply();
    await session.sendRaw([Buffer.from('NO'), Buffer.from('OP\r'), Buffer.from('\n')], {
      pauseMs: 30,
    });
    expect((await session.readReply()).code).toBe(250);
    const writes = session.transcript.events.filter((e) => e.kind === 'C');
    expect(writes.map((e) => e.bytes.toString('latin1'))).toEqual(['NO', 'OP\r', '\n']);
    expect((writes[2]?.t ?? 0) - (writes[0]?.t ?? 0)).toBeGreaterThanOrEqual(50);
  });

  it('sends a pipeline in one write and reads one reply per command (RFC 2920)', async () => {
    const server = await mta();
    const session = await sessionTo(server);
    await session.readReply();
    await session.command('EHLO client.test');
    const batch = ['MAIL FROM:<a@x.test>', 'RCPT TO:<alice@smtpspec.test>', 'DATA'];
    const replies = await session.pipeline(batch);
    expect(replies.map((r) => r.code)).toEqual([250, 250, 354]);
    const written = lines(session).filter((l) => l.startsWith('C: MAIL'));
    expect(written).toEqual([`C: ${batch.join('\\r\\n')}\\r\\n`]);
  });

  it('connects over IPv6 loopback', async (ctx) => {
    if (!(await hasIpv6Loopback())) ctx.skip('this host has no IPv6 loopback (::1)');
    const server = await mta({ host: '::1' });
    const session = await sessionTo(server);
    expect((await session.readReply()).code).toBe(220);
    expect(session.address).toBe(`[::1]:${server.port}`);
    expect(lines(session)[0]).toBe(`connect [::1]:${server.port}`);
  });

  it('refuses a command line containing CR or LF', async () => {
    const server = await mta();
    const session = await sessionTo(server);
    const err = await rejection(session.sendLine('NOOP\r\nQUIT'));
    expect(err.code).toBe(ERROR_CODES.commandSyntax);
    expect(session.transcript.events.some((e) => e.kind === 'C')).toBe(false);
  });

  it('expectNoReply resolves on silence and rejects on an unread reply, which stays readable', async () => {
    const server = await mta();
    const session = await sessionTo(server);
    await session.readReply();
    await session.expectNoReply(100);
    await session.sendLine('NOOP');
    await session.pause(100);
    const err = await rejection(session.expectNoReply(100));
    expect(err.code).toBe(ERROR_CODES.unexpectedReply);
    expect(err.message).toContain('250 2.0.0 OK\\r\\n');
    expect((await session.readReply()).code).toBe(250);
  });

  it('expectNoReply rejects as soon as bytes arrive', async () => {
    const server = await mta();
    const session = await sessionTo(server);
    await session.readReply();
    await session.sendLine('NOOP');
    const started = Date.now();
    const err = await rejection(session.expectNoReply(20_000));
    expect(err.code).toBe(ERROR_CODES.unexpectedReply);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('close is idempotent, records one close, and later calls are state errors', async () => {
    const server = await mta();
    const session = await sessionTo(server);
    await session.readReply();
    await session.close();
    await session.close();
    expect(lines(session).filter((l) => l.startsWith('close'))).toEqual(['close by client']);
    expect(session.isClosed).toBe(true);
    expect((await rejection(session.readReply())).code).toBe(ERROR_CODES.state);
    expect((await rejection(session.sendLine('NOOP'))).code).toBe(ERROR_CODES.state);
  });

  it('rejects a second concurrent read with a state error', async () => {
    const server = await mta();
    const session = await sessionTo(server);
    await session.readReply();
    const first = session.readReply({ timeoutMs: 2000 });
    expect((await rejection(session.readReply())).code).toBe(ERROR_CODES.state);
    await session.sendLine('NOOP');
    expect((await first).code).toBe(250);
  });

  it('reports a refused connection as a connect error', async () => {
    const server = await mta();
    const { host, port } = server;
    await server.stop();
    const err = await rejection(sessionTo({ host, port }));
    expect(err.code).toBe(ERROR_CODES.connect);
    expect(err.message).toMatch(/^cannot connect to 127\.0\.0\.1:\d+: ECONNREFUSED$/);
  });

  it.each([
    [{ port: 0 }, 'port'],
    [{ host: '' }, 'host'],
    [{ replyTimeoutMs: -1 }, 'replyTimeoutMs'],
    [{ limits: { maxLines: 0 } }, 'limits.maxLines'],
  ])('rejects bad options %o with a config error', async (bad, field) => {
    const err = await rejection(sessionTo({ host: '127.0.0.1', port: 25 }, bad));
    expect(err.code).toBe(ERROR_CODES.config);
    expect(err.message.startsWith(`${field}:`)).toBe(true);
  });
});

describe('SmtpClientSession with TLS', () => {
  it('speaks implicit TLS and records the handshake before the greeting', async () => {
    const certificate = await testCertificate();
    // Implicit TLS is a transport matter: a TLS listener that greets is enough.
    const server = await hostileServer(say('220 test.example ESMTP\r\n'), { tls: certificate });
    const session = await sessionTo(server, { tls: 'implicit' });
    expect((await session.readReply({ what: 'greeting' })).code).toBe(220);
    expect(session.tls?.peerCertificate?.subject).toBe('CN=localhost');
    expect(session.tls?.authorized).toBe(false);
    expect(
      lines(session)
        .slice(1, 3)
        .map((l) => l.split(' ')[0]),
    ).toEqual(['tls', 'S:']);
  });

  // Why this test? RFC 3207 §4: the upgrade happens on the same connection, and the
  // transcript must show the plaintext part, the handshake and the encrypted part in order.
  it('upgrades with STARTTLS in place, keeping one transcript', async () => {
    const server = await mta();
    const session = await sessionTo(server);
    await session.readReply();
    expect((await session.command('EHLO client.test')).lines).toContain('STARTTLS');
    const result = await session.startTls();
    expect(result.reply.code).toBe(220);
    expect(result.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(result.injected.length).toBe(0);
    const ehlo = await session.command('EHLO client.test');
    expect(ehlo.lines).not.toContain('STARTTLS');
    // The MTA offers AUTH only under TLS (RFC 4954 §4): it saw the handshake too.
    expect(ehlo.lines).toContain('AUTH PLAIN LOGIN');
    const kinds = lines(session).map((l) => l.split(' ')[0]);
    const tlsAt = kinds.indexOf('tls');
    expect(lines(session)[tlsAt - 1]).toBe('S: 220 2.0.0 Ready to start TLS\\r\\n');
    expect(lines(session)[tlsAt + 1]).toBe('C: EHLO client.test\\r\\n');
    expect(kinds.filter((k) => k === 'connect')).toHaveLength(1);
    const again = await rejection(session.startTls());
    expect(again.code).toBe(ERROR_CODES.state);
  });

  it('reports plaintext injected after the STARTTLS 220 and does not read it as a reply', async () => {
    const server = await mta({ defects: ['rfc3207-plaintext-after-220'] });
    const session = await sessionTo(server);
    await session.readReply();
    await session.command('EHLO client.test');
    const result = await session.startTls();
    expect(result.injected.toString('latin1')).toBe(INJECTED_REPLY);
    expect(lines(session).some((l) => l.startsWith('note 14 octet(s) received after'))).toBe(true);
    const ehlo = await session.command('EHLO client.test');
    expect(ehlo.lines[0]).toBe('mx.smtpspec.test Hello client.test');
  });

  it('returns a refused STARTTLS without a handshake and stays usable', async () => {
    const server = await mta();
    const session = await sessionTo(server);
    await session.readReply();
    // STARTTLS before EHLO is out of sequence (RFC 3207 §4 is an EHLO extension).
    const result = await session.startTls();
    expect(result.reply.code).toBe(503);
    expect(result.tls).toBeUndefined();
    expect((await session.command('NOOP')).code).toBe(250);
  });

  it('round-trips a live TLS transcript through JSON', async () => {
    const server = await mta();
    const session = await sessionTo(server, { label: 'client/json' });
    await session.readReply();
    await session.command('EHLO client.test');
    expect((await session.startTls()).tls).toBeDefined();
    await session.command('QUIT');
    await session.close();
    const back = parseTranscriptJson(JSON.stringify(transcriptToJson(session.transcript)));
    expect(renderTranscript(back)).toBe(renderTranscript(session.transcript));
  });

  it('fails implicit TLS against a plaintext server with a TLS error, recorded', async () => {
    const server = await mta();
    const transcript = new Transcript();
    const err = await rejection(sessionTo(server, { tls: 'implicit', transcript }));
    expect(err.code).toBe(ERROR_CODES.tls);
    expect(err.message).toBe(
      'TLS handshake failed: wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)',
    );
    expect(transcript.events.map((e) => e.kind)).toEqual(['connect', 'error', 'close']);
  });
});
