import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import { hostileServer, sessionTo } from './testing/fixtures.ts';
import {
  brokenStartTls,
  dribble,
  endlessLine,
  hugeReply,
  randomBytes,
  replyFlood,
  resetMidReply,
  type StreamStats,
  say,
  sayAndClose,
  silent,
} from './testing/hostile-server.ts';

const MB = 1024 * 1024;

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected a rejection');
}

/** Heap plus off-heap buffers now. */
function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Runs `work` while sampling memory; returns its result and the peak growth in octets. */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  globalThis.gc?.();
  const base = memory();
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, memory());
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, memory());
    return { result, growth: peak - base };
  } finally {
    clearInterval(sampler);
  }
}

describe('SmtpClientSession against hostile servers', () => {
  it('times out when the server sends no greeting', async () => {
    const server = await hostileServer(silent);
    const session = await sessionTo(server);
    const started = Date.now();
    const err = await rejection(session.readReply({ what: 'greeting', timeoutMs: 300 }));
    expect(err.code).toBe(ERROR_CODES.timeout);
    expect(err.message).toBe('no greeting within 300 ms');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(session.transcript.events.at(-1)).toMatchObject({ kind: 'timeout', what: 'greeting' });
  });

  // Why this test? A line without CRLF must not be buffered until memory runs out.
  it('fails fast with LINE_TOO_LONG on an endless line, memory bounded', async () => {
    const stats: StreamStats = { written: 0 };
    const server = await hostileServer(endlessLine(200 * MB, stats));
    const session = await sessionTo(server);
    const { result: err, growth } = await measure(() => rejection(session.readReply()));
    expect(err.code).toBe(ERROR_CODES.lineTooLong);
    expect(err.message).toBe('server sent a line longer than 2048 octets');
    expect(growth).toBeLessThan(50 * MB);
    expect(session.transcript.retainedOctets).toBeLessThanOrEqual(MB);
    expect(stats.written).toBeLessThan(200 * MB);
    // The failure is reported once; then the session is unusable.
    expect((await rejection(session.readReply())).code).toBe(ERROR_CODES.state);
    expect((await rejection(session.sendLine('QUIT'))).code).toBe(ERROR_CODES.state);
  });

  it.each([
    ['the line cap', {}, 'server sent a reply of more than 1000 lines'],
    ['the byte cap', { maxLines: 10_000_000 }, 'server sent a reply of more than 1048576 octets'],
  ])('fails a 100 MB multi-line reply at %s, memory bounded', async (_name, limits, message) => {
    const stats: StreamStats = { written: 0 };
    const server = await hostileServer(hugeReply(100 * MB, stats));
    const session = await sessionTo(server, { limits });
    const { result: err, growth } = await measure(() => rejection(session.readReply()));
    expect(err.code).toBe(ERROR_CODES.replyTooLarge);
    expect(err.message).toBe(message);
    expect(growth).toBeLessThan(50 * MB);
    expect(stats.written).toBeLessThan(100 * MB);
    expect(session.isClosed).toBe(true);
    // Past 32 KiB (or 256 lines) the server's octets are counted, not kept: a run of hundreds of cases
    // against such a server must not keep hundreds of megabytes of transcripts.
    const kept = session.transcript.events.filter((e) => e.kind === 'S');
    expect(kept.reduce((n, e) => n + e.bytes.length, 0)).toBeLessThanOrEqual(32 * 1024);
    const notes = session.transcript.events.filter((e) => e.kind === 'note').map((e) => e.text);
    expect(notes.join('\n')).toMatch(
      /more than \d+ octets \(\d+ lines\): the rest is read and counted/,
    );
    expect(notes.join('\n')).toMatch(/octets in all; \d+ of them were not kept/);
  });

  // Why this test? Complete replies nobody reads must make the client stop reading
  // (TCP flow control), not queue without bound.
  it('pauses reading when unread replies fill the queue', async () => {
    const stats: StreamStats = { written: 0 };
    const server = await hostileServer(replyFlood(500 * MB, stats));
    const session = await sessionTo(server);
    const { growth } = await measure(() => session.pause(1000));
    expect(stats.written).toBeLessThan(100 * MB);
    expect(growth).toBeLessThan(50 * MB);
    expect((await session.readReply()).code).toBe(220);
    for (let i = 0; i < 1000; i++) expect((await session.readReply()).code).toBe(250);
  });

  it('parses a reply dribbled one octet per write', async () => {
    const text = '220-mx.example\r\n220 ready\r\n';
    const server = await hostileServer(dribble(text, 3));
    const session = await sessionTo(server);
    const reply = await session.readReply({ timeoutMs: 10_000 });
    expect(reply.code).toBe(220);
    expect(reply.lines).toEqual(['mx.example', 'ready']);
    expect(reply.violations).toEqual([]);
    const reads = session.transcript.events.filter((e) => e.kind === 'S');
    expect(reads.length).toBeGreaterThan(2);
    expect(Buffer.concat(reads.map((e) => e.bytes)).toString()).toBe(text);
  });

  // Why this test? The timeout bounds silence: a server that sends a few octets a second
  // is slow, not silent, and `run` once failed such a server with "no reply within 5000 ms".
  it('waits for a dribbled reply whose octets come faster than the timeout', async () => {
    const server = await hostileServer(dribble('220 slow\r\n', 100));
    const session = await sessionTo(server);
    const started = Date.now();
    const reply = await session.readReply({ timeoutMs: 400, what: 'greeting' });
    expect(reply.code).toBe(220);
    expect(Date.now() - started).toBeGreaterThan(400);
  });

  it('times out when the silence between octets is longer than the timeout', async () => {
    const server = await hostileServer(dribble('220 slow\r\n', 700));
    const session = await sessionTo(server);
    const err = await rejection(session.readReply({ timeoutMs: 300, what: 'greeting' }));
    expect(err.code).toBe(ERROR_CODES.timeout);
    expect(err.message).toBe('no greeting within 300 ms');
  });

  it('caps the whole wait for a reply that keeps arriving', async () => {
    const server = await hostileServer(dribble(`220 ${'x'.repeat(100)}\r\n`, 50));
    const session = await sessionTo(server);
    const err = await rejection(
      session.readReply({ timeoutMs: 300, progressMaxMs: 1000, what: 'greeting' }),
    );
    expect(err.code).toBe(ERROR_CODES.timeout);
    expect(err.message).toBe('no greeting within 1000 ms, though bytes kept arriving');
  });

  it('reports a reset in the middle of a reply', async () => {
    const server = await hostileServer(resetMidReply('250-first\r\n250-sec'));
    const session = await sessionTo(server);
    const err = await rejection(session.readReply({ timeoutMs: 5000 }));
    expect([ERROR_CODES.reset, ERROR_CODES.closed]).toContain(err.code);
    expect(err.message).toMatch(/before the reply/);
    const closes = session.transcript.events.filter((e) => e.kind === 'close');
    expect(closes).toHaveLength(1);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'survives random bytes (seed %i): replies, typed errors, never a crash',
    async (seed) => {
      const server = await hostileServer(randomBytes(seed, 64 * 1024));
      const session = await sessionTo(server, { limits: { maxLineLength: 512 } });
      const allowed = new Set<string>([
        ERROR_CODES.malformedReply,
        ERROR_CODES.lineTooLong,
        ERROR_CODES.replyTooLarge,
      ]);
      for (let i = 0; i < 10_000; i++) {
        try {
          const reply = await session.readReply({ timeoutMs: 5000 });
          // A reply without violations must really be a well-formed reply.
          if (reply.violations.length === 0) expect(String(reply.code)).toMatch(/^[2-5][0-5]\d$/);
          expect(reply.raw.length).toBeGreaterThan(0);
        } catch (err) {
          const { code, message } = err as { code: string; message: string };
          expect(message).not.toContain('\n');
          if (allowed.has(code)) continue;
          expect([ERROR_CODES.closed, ERROR_CODES.reset, ERROR_CODES.state]).toContain(code);
          return;
        }
      }
      throw new Error('random bytes never ended the session');
    },
  );

  it('reports a malformed line with its bytes and reads on', async () => {
    const server = await hostileServer(say('hello\x00there\r\n220 ok\r\n'));
    const session = await sessionTo(server);
    const err = await rejection(session.readReply({ what: 'greeting' }));
    expect(err.code).toBe(ERROR_CODES.malformedReply);
    expect(err.message).toBe(
      'malformed greeting: line does not start with a reply code: "hello\\x00there"',
    );
    expect((await session.readReply()).code).toBe(220);
  });

  it('handles a server that closes right after the greeting', async () => {
    const server = await hostileServer(sayAndClose('220 bye already\r\n'));
    const session = await sessionTo(server);
    expect((await session.readReply()).code).toBe(220);
    expect(await session.expectClose({ timeoutMs: 5000 })).toBe('server');
    const err = await rejection(session.command('EHLO client.test'));
    expect(err.code).toBe(ERROR_CODES.closed);
    expect(err.message).toBe('cannot send EHLO: the server closed the connection');
    expect((await rejection(session.readReply())).message).toBe(
      'server closed the connection before the reply',
    );
  });

  it('reads a bare-LF reply leniently and reports the violation', async () => {
    const server = await hostileServer(say('220-mx.example\n220 ready\n'));
    const session = await sessionTo(server);
    const reply = await session.readReply();
    expect(reply.code).toBe(220);
    expect(reply.lines).toEqual(['mx.example', 'ready']);
    expect(reply.violations.map((v) => v.kind)).toEqual(['bare-lf', 'bare-lf']);
    expect(reply.raw.toString()).toBe('220-mx.example\n220 ready\n');
  });

  it('times out waiting for a close that does not come', async () => {
    const server = await hostileServer(say('220 staying\r\n'));
    const session = await sessionTo(server);
    const err = await rejection(session.expectClose({ timeoutMs: 300 }));
    expect(err.code).toBe(ERROR_CODES.timeout);
    expect(err.message).toBe('no close by the server within 300 ms');
  });

  it.each([
    ['plaintext', ERROR_CODES.tls],
    ['reset', ERROR_CODES.tls],
    ['silence', ERROR_CODES.timeout],
  ] as const)('fails STARTTLS when the server answers the handshake with %s', async (how, code) => {
    const server = await hostileServer(brokenStartTls(how));
    const session = await sessionTo(server, { connectTimeoutMs: 500 });
    await session.readReply();
    const err = await rejection(session.startTls());
    expect(err.code).toBe(code);
    expect(err.message).not.toContain('\n');
    expect(session.isClosed).toBe(true);
    expect((await rejection(session.command('NOOP'))).code).toBe(ERROR_CODES.state);
  });

  // Why this test? A server that stops reading must not leave a large write hanging forever.
  it('times out a write the server never takes', async () => {
    const server = await hostileServer(silent);
    const session = await sessionTo(server, { replyTimeoutMs: 500 });
    const err = await rejection(session.sendRaw(Buffer.alloc(32 * MB, 0x61)));
    expect(err.code).toBe(ERROR_CODES.timeout);
    expect(err.message).toBe(`no progress writing ${32 * MB} octets within 500 ms`);
    expect(session.isClosed).toBe(true);
    expect(session.transcript.retainedOctets).toBeLessThan(4096);
  });
});
