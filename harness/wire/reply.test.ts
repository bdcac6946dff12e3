import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import {
  ADVISORY_VIOLATIONS,
  formatReply,
  parseReplies,
  type Reply,
  type ReplyEvent,
  ReplyParser,
  type ReplyParserOptions,
  replyText,
} from './reply.ts';

const b = (s: string) => Buffer.from(s, 'latin1');

/** Splits `bytes` at the given cut points (taken modulo its length + 1). */
function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

function feed(chunks: Buffer[], options?: Partial<ReplyParserOptions>): ReplyEvent[] {
  const parser = new ReplyParser(options);
  return chunks.flatMap((c) => parser.push(c));
}

function onlyReply(events: ReplyEvent[]): Reply {
  expect(events.map((e) => e.kind)).toEqual(['reply']);
  const [event] = events;
  if (event?.kind !== 'reply') throw new Error('unreachable');
  return event.reply;
}

const kinds = (reply: Reply) => reply.violations.map((v) => v.kind);

const textChar = fc.oneof(
  fc.constant('\t'),
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
);
const text = fc.string({ unit: textChar, maxLength: 40 });
const replyCode = fc
  .tuple(
    fc.integer({ min: 2, max: 5 }),
    fc.integer({ min: 0, max: 5 }),
    fc.integer({ min: 0, max: 9 }),
  )
  .map(([x, y, z]) => x * 100 + y * 10 + z);
const subCode = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 999 }));
const enhancedFor = (code: number) =>
  fc.option(
    fc.tuple(subCode, subCode).map(([s, d]) => `${Math.floor(code / 100)}.${s}.${d}`),
    {
      nil: undefined,
    },
  );
const replySpec = replyCode.chain((code) =>
  fc.record({
    code: fc.constant(code),
    lines: fc.tuple(
      fc.array(text, { maxLength: 5 }),
      text.filter((t) => t.length > 0),
    ),
    enhanced: code >= 300 && code < 400 ? fc.constant(undefined) : enhancedFor(code),
  }),
);
const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('formatReply -> ReplyParser round trip', () => {
  it('gives back code, lines, enhanced code and raw bytes, however the stream is chunked', () => {
    fc.assert(
      fc.property(fc.array(replySpec, { minLength: 1, maxLength: 4 }), cuts, (specs, cutPoints) => {
        const wires = specs.map((s) =>
          formatReply(s.code, [...s.lines[0], s.lines[1]], s.enhanced),
        );
        const events = feed(splitAt(Buffer.concat(wires), cutPoints));
        expect(events).toHaveLength(specs.length);
        specs.forEach((spec, i) => {
          const event = events[i];
          if (event?.kind !== 'reply') throw new Error(`event ${i} is ${event?.kind}`);
          const { enhanced } = spec;
          const lines = [...spec.lines[0], spec.lines[1]].map((l) =>
            enhanced === undefined ? l : `${enhanced} ${l}`,
          );
          expect(event.reply.code).toBe(spec.code);
          expect(event.reply.lines).toEqual(lines);
          expect(event.reply.enhanced?.text).toBe(enhanced);
          expect(event.reply.raw).toEqual(wires[i]);
          expect(event.reply.violations).toEqual([]);
        });
      }),
    );
  });

  // Why this test? The parser carries state between chunks (partial lines, a reply in
  // progress, a damaged reply being skipped): chunk boundaries must never change the result.
  it('parses any byte stream the same whatever the chunking', () => {
    const piece = fc.constantFrom(
      '250',
      '-',
      ' ',
      '\r',
      '\n',
      '\r\n',
      'x',
      '2',
      '\x00',
      '\xe9',
      '550 5.1.1 no',
    );
    const limits = { maxLineLength: 16, maxLines: 3, maxReplyBytes: 40 };
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), cuts, (pieces, cutPoints) => {
        const wire = b(pieces.join(''));
        const parser = new ReplyParser(limits);
        const split = splitAt(wire, cutPoints).flatMap((c) => {
          const events = parser.push(c);
          expect(parser.pending).toBeLessThanOrEqual(limits.maxReplyBytes + limits.maxLineLength);
          return events;
        });
        expect(split).toEqual(feed([wire], limits));
      }),
    );
  });
});

describe('ReplyParser violations', () => {
  it.each([
    ['two-digit code', '25 ok\r\n', ['bad-code'], 25],
    ['four-digit code', '2500 ok\r\n', ['bad-code'], 2500],
    ['first digit 1', '150 ok\r\n', ['bad-first-digit'], 150],
    ['first digit 6', '650 ok\r\n', ['bad-first-digit'], 650],
    ['second digit above 5', '260 ok\r\n', ['bad-code'], 260],
    ['continuation code differs', '250-a\r\n251 b\r\n', ['code-mismatch'], 250],
    ['underscore separator', '250_ok\r\n', ['bad-separator'], 250],
    ['tab separator', '250\tok\r\n', ['bad-separator'], 250],
    ['bare LF line end', '250 ok\n', ['bare-lf'], 250],
    ['bare CR inside', '250 o\rk\r\n', ['bare-cr'], 250],
    ['NUL inside', '250 o\x00k\r\n', ['nul'], 250],
    ['8-bit octet inside', '250 caf\xe9\r\n', ['8bit'], 250],
    ['code alone', '250\r\n', ['missing-text-separator', 'missing-text'], 250],
    ['code and space alone', '250 \r\n', ['missing-text'], 250],
    ['line over 512 octets', `250 ${'a'.repeat(600)}\r\n`, ['long-line'], 250],
  ])('%s', (_name, input, expected, code) => {
    const reply = onlyReply(parseReplies(b(input)));
    expect(kinds(reply)).toEqual(expected);
    expect(reply.code).toBe(code);
    for (const v of reply.violations) {
      expect(v.rule).toMatch(/^RFC \d+ §[\d.]+$/);
      expect(v.message.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['empty continuation text', '250-\r\n250 ok\r\n'],
    ['tab in text', '250 a\tb\r\n'],
    ['multi-line reply', '250-mx.example\r\n250-PIPELINING\r\n250 SIZE 100\r\n'],
  ])('accepts %s without violations', (_name, input) => {
    expect(onlyReply(parseReplies(b(input))).violations).toEqual([]);
  });

  it('reports every deviation, not only the first, each with its line index', () => {
    const wire = '250-a\x00\xe9\n251-b\r\x00\r\n250_c\r\n';
    const reply = onlyReply(parseReplies(b(wire)));
    expect(reply.violations.map((v) => [v.line, v.kind])).toEqual([
      [0, 'bare-lf'],
      [0, 'nul'],
      [0, '8bit'],
      [1, 'code-mismatch'],
      [1, 'bare-cr'],
      [1, 'nul'],
      [2, 'bad-separator'],
    ]);
    expect(reply.lines).toEqual(['a\x00\xe9', 'b\r\x00', '_c']);
    expect(reply.raw.toString('latin1')).toBe(wire);
  });

  // Only "-" continues a reply (RFC 5321 §4.2), so any other separator ends it.
  it('ends a reply at a line with a bad separator', () => {
    const events = parseReplies(b('250-a\r\n250_b\r\n220 next\r\n'));
    expect(events.map((e) => e.kind === 'reply' && e.reply.lines)).toEqual([['a', '_b'], ['next']]);
  });

  it('counts repeated octet issues in one violation per kind and line', () => {
    const [v] = onlyReply(parseReplies(b('250 \xe9\xe9\xe9\r\n'))).violations;
    expect(v?.message).toContain('offset 4 (3 in this line)');
  });

  it('marks exactly the SHOULD-level kinds as advisory', () => {
    expect([...ADVISORY_VIOLATIONS].sort()).toEqual([
      'long-line',
      'missing-text',
      'missing-text-separator',
    ]);
  });

  it('takes the enhanced code from the first line, and never for a 3xx reply', () => {
    expect(onlyReply(parseReplies(b('550-5.7.1 no\r\n550 5.7.1 relay\r\n'))).enhanced).toEqual({
      klass: 5,
      subject: 7,
      detail: 1,
      text: '5.7.1',
    });
    expect(onlyReply(parseReplies(b('354 2.0.0 go ahead\r\n'))).enhanced).toBeUndefined();
    expect(onlyReply(parseReplies(b('250 2.01.0 ok\r\n'))).enhanced).toBeUndefined();
    // RFC 2034 §4: a code that disagrees with the reply code is only text.
    expect(onlyReply(parseReplies(b('550 2.1.1 odd\r\n'))).enhanced).toBeUndefined();
  });
});

describe('ReplyParser malformed lines', () => {
  it.each([
    ['text without code', 'hello\r\n'],
    ['empty line', '\r\n'],
    ['seven digits', '2500000 x\r\n'],
    ['code after a space', ' 250 ok\r\n'],
  ])('reports %s as malformed', (_name, input) => {
    const events = parseReplies(b(input));
    expect(events).toEqual([
      { kind: 'malformed', line: b(input.replace(/\r\n$/, '')), reason: expect.any(String) },
    ]);
  });

  it('keeps a reply in progress across a malformed line', () => {
    const events = parseReplies(b('250-a\r\njunk\r\n250 b\r\n'));
    expect(events.map((e) => e.kind)).toEqual(['malformed', 'reply']);
    expect(events[1]?.kind === 'reply' && events[1].reply.lines).toEqual(['a', 'b']);
  });
});

describe('ReplyParser caps', () => {
  const small = { maxLineLength: 64, maxLines: 3, maxReplyBytes: 100 };

  it.each([
    [
      'an over-long continuation line',
      `250-${'x'.repeat(100)}\r\n250-more\r\n250 end\r\n`,
      'line',
      64,
    ],
    ['an over-long last line', `250 ${'x'.repeat(100)}\r\n`, 'line', 64],
    ['too many lines', '250-a\r\n250-b\r\n250-c\r\n250-d\r\n250 e\r\n', 'lines', 3],
    ['too many bytes', `250-${'x'.repeat(50)}\r\n250-${'y'.repeat(50)}\r\n250 z\r\n`, 'bytes', 100],
  ])('ends %s in one overflow event, then reads the next reply', (_name, input, what, limit) => {
    const events = feed([b(input), b('220 next\r\n')], small);
    expect(events.map((e) => e.kind)).toEqual(['overflow', 'reply']);
    expect(events[0]).toEqual({ kind: 'overflow', what, limit });
    expect(events[1]?.kind === 'reply' && events[1].reply.lines).toEqual(['next']);
  });

  // Why this test? A hostile server must end in an overflow event, never in memory growth.
  it.each([
    ['one endless line', Buffer.alloc(64 * 1024, 0x61), 'line'],
    ['endless continuation lines', b(`250-${'x'.repeat(58)}\r\n`.repeat(1024)), 'lines'],
  ])('stays bounded over 100 MB of %s in 64 KiB chunks', (_name, chunk, what) => {
    expect(chunk.length).toBe(64 * 1024);
    const parser = new ReplyParser();
    const events: ReplyEvent[] = [];
    let maxPending = 0;
    for (let i = 0; i < 1600; i++) {
      events.push(...parser.push(chunk));
      maxPending = Math.max(maxPending, parser.pending);
    }
    expect(maxPending).toBeLessThanOrEqual(1024 * 1024 + 2048);
    expect(events).toEqual([{ kind: 'overflow', what, limit: what === 'line' ? 2048 : 1000 }]);
  });

  it.each([[{ maxLines: 0 }], [{ maxReplyBytes: -1 }], [{ maxLineLength: 1 }]])(
    'rejects bad options %o with a config error',
    (options) => {
      expect(() => new ReplyParser(options)).toThrow(
        expect.objectContaining({ code: ERROR_CODES.config }),
      );
    },
  );
});

describe('ReplyParser remainder', () => {
  // Why this test? After a STARTTLS 220, bytes already buffered were sent in the clear and
  // must be visible to the client (command injection, CVE-2011-0411 style).
  it('hands over the unfinished reply and partial line, then starts afresh', () => {
    const parser = new ReplyParser();
    expect(parser.push(b('220 go ahead\r\n250-partial\r\n25'))).toHaveLength(1);
    expect(parser.pending).toBe(15);
    expect(parser.takeRemainder().toString('latin1')).toBe('250-partial\r\n25');
    expect(parser.pending).toBe(0);
    expect(parser.push(b('221 bye\r\n')).map((e) => e.kind)).toEqual(['reply']);
  });
});

describe('replyText', () => {
  it.each([
    [{ code: 550, lines: ['5.7.1 Relaying denied'] }, '550 5.7.1 Relaying denied'],
    [{ code: 250, lines: ['mx', 'PIPELINING'] }, '250 mx / PIPELINING'],
    [{ code: 250, lines: [''] }, '250'],
    [{ code: 250, lines: ['a\rb\x00'] }, '250 a\\rb\\x00'],
  ])('renders %o as %s', (reply, expected) => {
    expect(replyText(reply)).toBe(expected);
  });

  it('cuts long replies to the given length', () => {
    const out = replyText({ code: 250, lines: ['x'.repeat(1000)] }, 50);
    expect(out).toHaveLength(50);
    expect(out.endsWith('...')).toBe(true);
  });
});
