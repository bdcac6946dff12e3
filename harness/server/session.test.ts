// Why this test? The harness acting as a server is what judges a relaying MTA and a client
// under test, so what it records must be exact: pipelined commands told from lock-step
// ones, bare LF line ends kept visible, mail data unstuffed by the shared decoder, the
// 354 awaited or not, odd replies (byte by byte, cut in the middle) sent as scripted.
import { connect, type Socket } from 'node:net';
import { createSecureContext } from 'node:tls';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SmtpClientSession } from '../client/session.ts';
import { testCertificate } from '../client/testing/certs.ts';
import { renderTranscript } from '../transcript/render.ts';
import { startSmtpListener } from './listener.ts';
import type { ServerSession } from './session.ts';
import type { SessionScript } from './types.ts';

const plain: SessionScript = {
  greeting: () => ({ code: 220, text: 'sink.test ESMTP' }),
  command: (c) => {
    const verb = c.command?.verb;
    if (verb === 'EHLO') return { code: 250, text: ['sink.test', 'PIPELINING', 'SIZE 1000'] };
    if (verb === 'DATA') return { code: 354, text: 'go ahead' };
    if (verb === 'QUIT') return { code: 221, text: 'bye', close: true };
    return { code: 250, text: 'OK' };
  },
  data: () => ({ code: 250, text: 'queued' }),
};

async function listen(script: SessionScript = plain, secure = false) {
  const sessions: ServerSession[] = [];
  const cert = secure ? await testCertificate() : undefined;
  const listener = await startSmtpListener({
    host: '127.0.0.1',
    port: 0,
    script: () => script,
    session: {
      idleTimeoutMs: 5000,
      ...(cert ? { secureContext: createSecureContext(cert) } : {}),
    },
    onSession: (s) => sessions.push(s),
  });
  onTestFinished(() => listener.stop());
  return { listener, sessions };
}

function raw(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.on('error', reject);
  });
}

function until(socket: Socket, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no '${text}' in ${JSON.stringify(seen)}`)),
      5000,
    );
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (seen.includes(text)) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
  });
}

describe('the harness as an SMTP server', () => {
  it('records a lock-step transaction: commands, offered keywords, unstuffed content', async () => {
    const { listener, sessions } = await listen();
    const client = await SmtpClientSession.connect({
      host: '127.0.0.1',
      port: listener.address.port,
    });
    expect((await client.readReply()).code).toBe(220);
    expect((await client.command('EHLO me.test')).code).toBe(250);
    expect((await client.command('MAIL FROM:<a@b.test> SIZE=10')).code).toBe(250);
    expect((await client.command('RCPT TO:<c@d.test>')).code).toBe(250);
    expect((await client.command('DATA')).code).toBe(354);
    await client.sendMessage(Buffer.from('Subject: x\r\n\r\n.dot\r\n.\r\nend\r\n', 'latin1'));
    expect((await client.readReply()).code).toBe(250);
    expect((await client.command('QUIT')).code).toBe(221);
    const record = await sessions[0]!.done;
    const commands = record.entries.flatMap((e) => (e.kind === 'command' ? [e.command] : []));
    expect(commands.map((c) => c.command?.verb)).toEqual(['EHLO', 'MAIL', 'RCPT', 'DATA', 'QUIT']);
    expect(commands.every((c) => !c.pipelined && c.end === 'CRLF')).toBe(true);
    expect([...(record.offered ?? [])]).toEqual(['PIPELINING', 'SIZE']);
    const data = record.entries.find((e) => e.kind === 'data');
    expect(data?.kind === 'data' && data.data.content.toString('latin1')).toBe(
      'Subject: x\r\n\r\n.dot\r\n.\r\nend\r\n',
    );
    expect(data?.kind === 'data' && data.data.beforeGo).toBe(false);
    expect(record.end?.by).toBe('server');
    const text = renderTranscript(record.transcript);
    expect(text).toContain('C: MAIL FROM:<a@b.test> SIZE=10\\r\\n');
    expect(text).toContain('S: 250 OK\\r\\n');
  });

  it('tells pipelined commands and data sent before the 354 from awaited ones', async () => {
    const slow: SessionScript = {
      ...plain,
      command: async (c, v) => ({ ...(await plain.command(c, v)), delayMs: 30 }),
    };
    const { listener, sessions } = await listen(slow);
    const socket = await raw(listener.address.port);
    await until(socket, '220 ');
    socket.write(
      'EHLO me.test\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nDATA\r\nhello\r\n.\r\nQUIT\r\n',
    );
    await until(socket, '221 ');
    const record = await sessions[0]!.done;
    const commands = record.entries.flatMap((e) => (e.kind === 'command' ? [e.command] : []));
    expect(commands.map((c) => [c.command?.verb, c.pipelined])).toEqual([
      ['EHLO', false],
      ['MAIL', true],
      ['RCPT', true],
      ['DATA', true],
      ['QUIT', true],
    ]);
    const data = record.entries.find((e) => e.kind === 'data');
    expect(data?.kind === 'data' && data.data.beforeGo).toBe(true);
    expect(data?.kind === 'data' && data.data.content.toString()).toBe('hello\r\n');
    socket.destroy();
  });

  it('keeps a bare LF visible: as a line end of a command, as an event inside data', async () => {
    const { listener, sessions } = await listen();
    const socket = await raw(listener.address.port);
    await until(socket, '220 ');
    socket.write('HELO me.test\n');
    await until(socket, '250 ');
    socket.write('DATA\r\n');
    await until(socket, '354 ');
    socket.write('a\n.\nb\r\n.\r\n');
    await until(socket, 'queued');
    socket.end();
    const record = await sessions[0]!.done;
    const first = record.entries[0];
    expect(first?.kind === 'command' && first.command.end).toBe('LF');
    const data = record.entries.find((e) => e.kind === 'data');
    expect(data?.kind === 'data' && data.data.events.map((e) => e.kind)).toEqual([
      'bare-lf',
      'end-of-data-look-alike',
      'bare-lf',
    ]);
    expect(record.end?.by).toBe('client');
  });

  it('sends replies byte by byte and cuts one in the middle', async () => {
    const odd: SessionScript = {
      greeting: () => ({ code: 220, text: 'x', byteByByte: true }),
      command: () => ({ code: 250, text: 'never finished', cutAfter: 5 }),
      data: () => ({ code: 250 }),
    };
    const { listener, sessions } = await listen(odd);
    const client = await SmtpClientSession.connect({
      host: '127.0.0.1',
      port: listener.address.port,
    });
    expect((await client.readReply()).code).toBe(220);
    await expect(client.command('NOOP')).rejects.toMatchObject({ code: 'SMTPSPEC_ERR_CLOSED' });
    const record = await sessions[0]!.done;
    const sent = record.transcript.events.filter((e) => e.kind === 'S');
    expect(sent.length).toBeGreaterThanOrEqual(7);
    expect(renderTranscript(record.transcript)).toContain('S: 250 n');
  });

  it('starts TLS after a 220 to STARTTLS and records plaintext sent before the handshake', async () => {
    const tls: SessionScript = {
      ...plain,
      command: (c, v) =>
        c.command?.verb === 'STARTTLS'
          ? { code: 220, text: 'ready' }
          : c.command?.verb === 'EHLO'
            ? { code: 250, text: v.tls ? ['sink.test'] : ['sink.test', 'STARTTLS'] }
            : plain.command(c, v),
    };
    const { listener, sessions } = await listen(tls, true);
    const client = await SmtpClientSession.connect({
      host: '127.0.0.1',
      port: listener.address.port,
    });
    await client.readReply();
    await client.command('EHLO me.test');
    await client.startTls({ pipelined: Buffer.from('NOOP\r\n', 'latin1') });
    expect((await client.command('EHLO me.test')).code).toBe(250);
    await client.command('QUIT');
    const record = await sessions[0]!.done;
    const kinds = record.entries.map((e) => e.kind);
    expect(kinds).toContain('tls');
    const discarded = record.entries.find((e) => e.kind === 'discarded');
    expect(discarded?.kind === 'discarded' && discarded.bytes.toString()).toBe('NOOP\r\n');
  });
});
