import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataEvent } from './data-events.ts';
import { dotStuff } from './dot-stuffing.ts';
import { DotUnstuffDecoder, type DotUnstuffOptions } from './dot-unstuff-decoder.ts';

const b = (s: string) => Buffer.from(s, 'latin1');

/** Splits `bytes` at the given cut points (taken modulo its length + 1). */
function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
  return [...points, bytes.length].map((p, i, all) => bytes.subarray(i === 0 ? 0 : all[i - 1], p));
}

/** Feeds chunks; collects content, events, how many pushes said done, and the remainder. */
function decode(chunks: Buffer[], options?: DotUnstuffOptions) {
  const decoder = new DotUnstuffDecoder(options);
  const data: Buffer[] = [];
  const events: DataEvent[] = [];
  let doneCount = 0;
  const remainder: Buffer[] = [];
  for (const chunk of chunks) {
    const wasDone = decoder.isDone;
    const step = decoder.push(chunk);
    data.push(...step.data);
    events.push(...step.events);
    if (step.done && !wasDone) doneCount++;
    if (step.remainder) remainder.push(step.remainder);
  }
  return {
    decoder,
    content: Buffer.concat(data),
    events,
    doneCount,
    remainder: Buffer.concat(remainder),
  };
}

const kinds = (events: DataEvent[]) => events.map((e) => e.kind);
const lookAlikes = (events: DataEvent[]) =>
  events.flatMap((e) => (e.kind === 'end-of-data-look-alike' ? [[e.pattern, e.offset]] : []));

/** Bytes biased towards the characters that matter: CR, LF, ".", plus anything. */
const dataBytes = fc.oneof(
  fc
    .array(fc.constantFrom('\r', '\n', '.', 'a', '\r\n', '\r\n.\r\n', '\n.\n', '\r.\r'), {
      maxLength: 30,
    })
    .map((p) => b(p.join(''))),
  fc.uint8Array({ maxLength: 200 }).map((u) => Buffer.from(u)),
);
const cuts = fc.array(fc.nat(), { maxLength: 10 });

describe('DotUnstuffDecoder: the terminator (RFC 5321 §4.1.1.4)', () => {
  it.each([
    ['immediate end: empty content', '.\r\n', '', ''],
    ['one line', 'hi\r\n.\r\n', 'hi\r\n', ''],
    ['stuffed dot removed', '..hidden\r\n.\r\n', '.hidden\r\n', ''],
    ['stuffed lone dot', 'a\r\n..\r\nb\r\n.\r\n', 'a\r\n.\r\nb\r\n', ''],
    ['pipelined command after the end', 'hi\r\n.\r\nQUIT\r\n', 'hi\r\n', 'QUIT\r\n'],
    ['dot not at line start', 'a.b\r\n.\r\n', 'a.b\r\n', ''],
    ['unstuffed dot on a longer line is removed', '.x\r\n.\r\n', 'x\r\n', ''],
  ])('%s', (_name, input, content, remainder) => {
    const result = decode([b(input)]);
    expect(result.content.toString('latin1')).toBe(content);
    expect(result.remainder.toString('latin1')).toBe(remainder);
    expect(result.doneCount).toBe(1);
    expect(result.events).toEqual([]);
  });

  it('is not done without the terminator, and hands later chunks back whole', () => {
    const decoder = new DotUnstuffDecoder();
    expect(decoder.push(b('hi\r\n.')).done).toBe(false);
    expect(decoder.currentState).toBe('Dot');
    expect(decoder.push(b('\r')).done).toBe(false);
    expect(decoder.currentState).toBe('DotCR');
    expect(decoder.push(b('\nRSET')).remainder?.toString()).toBe('RSET');
    expect(decoder.push(b('more')).remainder?.toString()).toBe('more');
    expect(decoder.bytesIn).toBe(7);
  });
});

describe('DotUnstuffDecoder: end-of-data look-alikes never end data (SMTP smuggling)', () => {
  // Each row: the bytes, the content they decode to, and the look-alikes with the offset
  // of their ".". Every input is followed by a real terminator.
  it.each<[string, string, string, [string, number][]]>([
    ['LF.LF', 'a\n.\nb\r\n', 'a\n.\nb\r\n', [['\n.\n', 2]]],
    ['LF.CRLF', 'a\n.\r\nb\r\n', 'a\n.\r\nb\r\n', [['\n.\r\n', 2]]],
    ['CRLF.LF', 'a\r\n.\nb\r\n', 'a\r\n\nb\r\n', [['\r\n.\n', 3]]],
    ['CR.CR', 'a\r.\rb\r\n', 'a\r.\rb\r\n', [['\r.\r', 2]]],
    ['CRLF.CR', 'a\r\n.\rb\r\n', 'a\r\n\rb\r\n', [['\r\n.\r', 3]]],
    ['CR.CRLF', 'a\r.\r\nb\r\n', 'a\r.\r\nb\r\n', [['\r.\r\n', 2]]],
    ['CR.LF', 'a\r.\nb\r\n', 'a\r.\nb\r\n', [['\r.\n', 2]]],
    ['LF.CR', 'a\n.\rb\r\n', 'a\n.\rb\r\n', [['\n.\r', 2]]],
    ['start: .LF', '.\nb\r\n', '\nb\r\n', [['\r\n.\n', 0]]],
    ['start: .CR', '.\rb\r\n', '\rb\r\n', [['\r\n.\r', 0]]],
    ['LF LF.CRLF', 'a\r\n\n.\r\nb\r\n', 'a\r\n\n.\r\nb\r\n', [['\n.\r\n', 4]]],
    [
      'chained',
      'a\n.\n.\nb\r\n',
      'a\n.\n.\nb\r\n',
      [
        ['\n.\n', 2],
        ['\n.\n', 4],
      ],
    ],
  ])('%s', (_name, input, content, expected) => {
    const result = decode([b(`${input}.\r\nNEXT`)]);
    expect(result.doneCount).toBe(1);
    expect(result.content.toString('latin1')).toBe(content);
    expect(lookAlikes(result.events)).toEqual(expected);
    expect(result.remainder.toString('latin1')).toBe('NEXT');
  });

  it('reports bare CR and bare LF with their offsets (RFC 5321 §2.3.8)', () => {
    const result = decode([b('a\rb\nc\r\r\n\n.\r\n')]);
    expect(result.events).toEqual([
      { kind: 'bare-cr', offset: 1 },
      { kind: 'bare-lf', offset: 3 },
      { kind: 'bare-cr', offset: 5 },
      { kind: 'bare-lf', offset: 8 },
      { kind: 'end-of-data-look-alike', offset: 9, pattern: '\n.\r\n' },
    ]);
    // The last "\n.\r\n" follows a bare LF, so it is content, and no terminator was seen.
    expect(result.doneCount).toBe(0);
  });

  it('ends only on CRLF.CRLF (or .CRLF at the start), at its first occurrence', () => {
    fc.assert(
      fc.property(dataBytes, cuts, (bytes, cutPoints) => {
        const framed = Buffer.concat([b('\r\n'), bytes]);
        const at = framed.indexOf('\r\n.\r\n');
        const result = decode(splitAt(bytes, cutPoints));
        expect(result.doneCount).toBe(at < 0 ? 0 : 1);
        if (at >= 0) expect(result.remainder.equals(framed.subarray(at + 5))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('reports the same events and content however the input is chunked', () => {
    fc.assert(
      fc.property(dataBytes, cuts, (bytes, cutPoints) => {
        const whole = decode([bytes]);
        const split = decode(splitAt(bytes, cutPoints));
        expect(split.events).toEqual(whole.events);
        expect(split.content.equals(whole.content)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('DotUnstuffDecoder with DotStuffer output', () => {
  it('stuff then unstuff is the identity for content ending in CRLF, terminator found once', () => {
    const content = dataBytes.map((bytes) => Buffer.concat([bytes, b('\r\n')]));
    const next = fc.constantFrom('', 'QUIT\r\n', 'MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\n');
    fc.assert(
      fc.property(
        fc.oneof(content, fc.constant(Buffer.alloc(0))),
        next,
        cuts,
        (bytes, after, cutPoints) => {
          const wire = Buffer.concat([dotStuff(bytes), b(after)]);
          const result = decode(splitAt(wire, cutPoints));
          expect(result.content.equals(bytes)).toBe(true);
          expect(result.doneCount).toBe(1);
          expect(result.remainder.toString('latin1')).toBe(after);
          expect(result.decoder.bytesIn).toBe(wire.length - after.length);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('DotUnstuffDecoder limits', () => {
  it('stops storing past maxSize but still finds the end (RFC 5321 §4.5.3.1.7)', () => {
    const result = decode([b('0123456789\r\n'), b('abcdef\r\n.\r\nQUIT\r\n')], { maxSize: 15 });
    expect(result.decoder.sizeExceeded).toBe(true);
    expect(result.decoder.contentLength).toBe(20);
    expect(result.content.length).toBeLessThanOrEqual(15);
    expect(result.events).toEqual([{ kind: 'size-exceeded', offset: 15, maxSize: 15 }]);
    expect(result.doneCount).toBe(1);
    expect(result.remainder.toString()).toBe('QUIT\r\n');
  });

  it('accepts content of exactly maxSize', () => {
    const result = decode([b('12345678\r\n.\r\n')], { maxSize: 10 });
    expect(result.decoder.sizeExceeded).toBe(false);
    expect(result.content.toString()).toBe('12345678\r\n');
  });

  it('reports text lines over 1000 octets, not counting the stuffing dot (RFC 5321 §4.5.3.1.6)', () => {
    const ok = `.${'x'.repeat(998)}\r\n`; // 998 octets + CRLF after unstuffing
    const long = `${'y'.repeat(999)}\r\n`;
    const result = decode([b(`${ok}${ok}${long}.\r\n`)]);
    expect(kinds(result.events)).toEqual(['line-too-long']);
    expect(result.events[0]).toEqual({ kind: 'line-too-long', offset: 2002, length: 1001 });
  });

  it('tells the length of the line still open, so a caller can stop a long one early', () => {
    const decoder = new DotUnstuffDecoder();
    decoder.push(b('ab\r\n..cd'));
    expect(decoder.openLineLength).toBe(3);
    decoder.push(b('e'.repeat(2000)));
    expect(decoder.openLineLength).toBe(2003);
  });

  it('reports text lines over a larger maxLineLength only', () => {
    const result = decode([b(`${'x'.repeat(1998)}\r\n${'y'.repeat(1999)}\r\n.\r\n`)], {
      maxLineLength: 2000,
    });
    expect(result.events).toEqual([{ kind: 'line-too-long', offset: 2000, length: 2001 }]);
  });

  it('keeps memory bounded: stored bytes never exceed maxSize', () => {
    fc.assert(
      fc.property(dataBytes, fc.nat(50), cuts, (bytes, maxSize, cutPoints) => {
        const result = decode(splitAt(bytes, cutPoints), { maxSize });
        expect(result.content.length).toBeLessThanOrEqual(maxSize);
        expect(result.decoder.sizeExceeded).toBe(result.decoder.contentLength > maxSize);
      }),
      { numRuns: 500 },
    );
  });
});
