// Why this test? The test seams are how fixtures/test-mta/ plants the defects a verb handler
// cannot: each must do exactly what its type says for the one server that sets it, and a
// paced reply must still reach the wire before the close or the TLS handshake it precedes.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ERROR_CODES, hasErrorCode } from '../../harness/errors.ts';
import { DotUnstuffDecoder } from '../../harness/wire/dot-unstuff-decoder.ts';
import { MemoryMessageStore } from '../message-store.ts';
import { type ReferenceServerOptions, startReferenceServer } from '../server.ts';
import { connectClient } from '../testing/test-server.ts';
import type { ReplyOutput, TestSeams } from './test-seams.ts';

async function start(seams: TestSeams, options: ReferenceServerOptions = {}) {
  const server = await startReferenceServer({
    config: { listen: { host: '127.0.0.1', port: 0 } },
    seams,
    ...options,
  });
  onTestFinished(() => server.stop({ graceMs: 0 }));
  const client = await connectClient(server.address);
  expect((await client.readReply()).code).toBe(220);
  return { server, client };
}

describe('TestSeams.commandLine', () => {
  const seams: TestSeams = {
    commandLine(line) {
      const text = line.toString('latin1');
      if (text === 'XREPLY') return { kind: 'reply', reply: { code: 250, text: 'seamed' } };
      if (text === 'XCLOSE') return { kind: 'close', reply: { code: 221, text: 'bye' } };
      if (text === 'XDROP') return { kind: 'drop' };
      if (text === 'XRESET') return { kind: 'reset' };
      return undefined;
    },
  };

  it('answers in place of the parser, and leaves other lines alone', async () => {
    const { client } = await start(seams);
    expect((await client.command('XREPLY')).lines).toEqual(['seamed']);
    expect((await client.command('NOOP')).code).toBe(250);
    expect((await client.command('XFOO')).code).toBe(500);
  });

  it.each([
    ['XCLOSE', 'server', true],
    ['XDROP', 'server', false],
    ['XRESET', 'reset', false],
  ] as const)('%s ends the connection (%s), answered: %s', async (line, end, answered) => {
    const { client } = await start(seams);
    await client.sendLine(line);
    const reply = client.readReply({ timeoutMs: 1000 }).then(
      (r) => r.code,
      (e: unknown) => (hasErrorCode(e, ERROR_CODES.timeout) ? 'timeout' : 'ended'),
    );
    expect(await reply).toBe(answered ? 221 : 'ended');
    if (end === 'reset') expect(client.isClosed).toBe(true);
    else if (!answered) expect(await client.expectClose({ timeoutMs: 1000 })).toBe('server');
  });
});

describe('TestSeams.dataDecoder', () => {
  it('decodes DATA content with the decoder it makes', async () => {
    const sizes: number[] = [];
    const store = new MemoryMessageStore();
    const { client } = await start(
      {
        dataDecoder(options) {
          sizes.push(options.maxSize);
          return new DotUnstuffDecoder(options);
        },
      },
      {
        store,
        config: { listen: { host: '127.0.0.1', port: 0 }, limits: { maxMessageSize: 5000 } },
      },
    );
    await client.command('EHLO client.example');
    await client.command('MAIL FROM:<a@client.example>');
    await client.command('RCPT TO:<alice@smtpspec.test>');
    expect((await client.command('DATA')).code).toBe(354);
    await client.sendMessage(Buffer.from('Subject: seam\r\n\r\nbody\r\n'));
    expect((await client.readReply()).code).toBe(250);
    expect(sizes).toEqual([5000]);
    expect(store.messages[0]?.content.toString('latin1')).toMatch(/\r\nSubject: seam\r\n/);
  });
});

describe('TestSeams.replyOutput', () => {
  /** Holds every reply back by `ms`, in order. */
  function delaying(ms: number): { seams: TestSeams; sent: string[] } {
    const sent: string[] = [];
    const seams: TestSeams = {
      replyOutput(): ReplyOutput {
        let queue = Promise.resolve();
        return {
          send(reply, write) {
            queue = queue.then(async () => {
              await sleep(ms);
              sent.push(reply.toString('latin1').slice(0, 3));
              write(reply);
            });
          },
          idle: () => queue,
        };
      },
    };
    return { seams, sent };
  }

  it('paces every reply, the greeting too, and closes only after the last', async () => {
    const { seams, sent } = delaying(50);
    const { client } = await start(seams);
    const started = Date.now();
    expect((await client.command('NOOP')).code).toBe(250);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    expect((await client.command('QUIT')).code).toBe(221);
    expect(await client.expectClose()).toBe('server');
    expect(sent).toEqual(['220', '250', '221']);
  });

  it('sends the STARTTLS 220 before the handshake', async () => {
    const { seams } = delaying(50);
    const { client } = await start(seams);
    await client.command('EHLO client.example');
    const result = await client.startTls();
    expect(result.tls).toBeDefined();
    expect((await client.command('EHLO client.example')).lines).toContain('AUTH PLAIN LOGIN');
  });
});

describe('RunningReferenceServer.abort', () => {
  it('drops every connection unanswered and stops listening; stop() still resolves', async () => {
    const { server, client } = await start({});
    await client.sendLine('NOOP');
    // Let the NOOP be answered first: abort() must not wait for anything.
    expect((await client.readReply()).code).toBe(250);
    server.abort();
    expect(await client.expectClose({ timeoutMs: 2000 })).toMatch(/^(server|reset)$/);
    const refused = await connectClient(server.address).catch((e: unknown) => e);
    expect(hasErrorCode(refused, ERROR_CODES.connect)).toBe(true);
    await server.stop({ graceMs: 0 });
  });
});

describe('a hang planted through the verb table', () => {
  it('a handler that never settles: the session goes silent, and stop() still closes it', async () => {
    const server = await startReferenceServer({
      config: { listen: { host: '127.0.0.1', port: 0 } },
      verbs: { NOOP: { handle: () => new Promise<void>(() => {}) } },
    });
    const client = await connectClient(server.address);
    expect((await client.readReply()).code).toBe(220);
    await client.sendLine('NOOP');
    await client.expectNoReply(200);
    await server.stop({ graceMs: 0 });
    expect(await client.expectClose({ timeoutMs: 5000 })).toBe('server');
  });
});
