import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import { type FramedLine, LineFramer, type LineFramerOptions } from './lines.ts';

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

function frame(
  options: LineFramerOptions,
  chunks: Buffer[],
): { out: FramedLine[]; pending: number } {
  const framer = new LineFramer(options);
  const out: FramedLine[] = [];
  for (const chunk of chunks) {
    out.push(...framer.push(chunk));
    expect(framer.pending).toBeLessThanOrEqual(options.maxLineLength);
  }
  return { out, pending: framer.pending };
}

/** Plain-data view of framer output, so results compare with toEqual. */
function view(out: FramedLine[]) {
  return out.map((f) => (f.kind === 'line' ? { ...f, bytes: f.bytes.toString('latin1') } : f));
}

const strict: LineFramerOptions = { maxLineLength: 100, mode: 'strict' };
const lenient: LineFramerOptions = { maxLineLength: 100, mode: 'lenient' };
const cuts = fc.array(fc.nat(), { maxLength: 12 });
const contentByte = fc.integer({ min: 0, max: 255 }).filter((x) => x !== 0x0d && x !== 0x0a);

describe('LineFramer round trip', () => {
  it('gives back every CRLF-joined line exactly, however the stream is chunked', () => {
    const line = fc
      .uint8Array({ maxLength: 60 })
      .map((a) => Buffer.from(a.filter((x) => x !== 0x0d && x !== 0x0a)));
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 8 }),
        cuts,
        fc.constantFrom(strict, lenient),
        (lines, cutPoints, options) => {
          const wire = Buffer.concat(lines.flatMap((l) => [l, b('\r\n')]));
          const { out, pending } = frame(options, splitAt(wire, cutPoints));
          expect(pending).toBe(0);
          expect(
            out.map((f) => (f.kind === 'line' ? [f.bytes.toString('hex'), f.end] : f)),
          ).toEqual(lines.map((l) => [l.toString('hex'), 'CRLF']));
        },
      ),
    );
  });

  it('reports NUL and 8-bit octets at their offsets in any chunking', () => {
    fc.assert(
      fc.property(fc.array(contentByte, { maxLength: 40 }), cuts, (octets, cutPoints) => {
        const content = Buffer.from(octets);
        const { out } = frame(strict, splitAt(Buffer.concat([content, b('\r\n')]), cutPoints));
        const expected = octets.flatMap((o, offset) => {
          if (o === 0) return [{ kind: 'nul', offset }];
          if (o >= 0x80) return [{ kind: '8bit', offset }];
          return [];
        });
        expect(out).toHaveLength(1);
        expect(out[0]?.kind === 'line' && out[0].issues).toEqual(expected);
      }),
    );
  });

  // Why this test? The framer keeps state across chunks (a CR waiting for its LF, a line
  // being discarded); any chunk boundary must give the same result as one big push.
  it('frames any byte stream the same whatever the chunking, with every octet accounted for', () => {
    const octet = fc.constantFrom(0x0d, 0x0a, 0x41, 0x00, 0xff, 0x20);
    fc.assert(
      fc.property(
        fc.array(octet, { maxLength: 200 }),
        cuts,
        fc.constantFrom('strict', 'lenient') as fc.Arbitrary<'strict' | 'lenient'>,
        fc.integer({ min: 2, max: 12 }),
        (octets, cutPoints, mode, maxLineLength) => {
          const wire = Buffer.from(octets);
          const options = { maxLineLength, mode };
          const whole = frame(options, [wire]);
          const split = frame(options, splitAt(wire, cutPoints));
          expect(view(split.out)).toEqual(view(whole.out));
          expect(split.pending).toBe(whole.pending);
          let consumed = 0;
          for (const f of whole.out) {
            if (f.kind === 'line') consumed += f.bytes.length + (f.end === 'CRLF' ? 2 : 1);
            else if (f.phase === 'end') consumed += f.dropped;
          }
          const last = whole.out.at(-1);
          const discarding = last?.kind === 'overflow' && last.phase === 'start';
          // While a line is being discarded its octets are counted only at its end.
          if (discarding) expect(consumed).toBeLessThan(wire.length);
          else expect(consumed + whole.pending).toBe(wire.length);
        },
      ),
    );
  });
});

describe('LineFramer line ends and byte issues', () => {
  it.each([
    ['strict bare LF stays in the line', strict, 'a\nb\r\n', [['a\nb', 'CRLF', [['bare-lf', 1]]]]],
    ['strict bare CR stays in the line', strict, 'a\rb\r\n', [['a\rb', 'CRLF', [['bare-cr', 1]]]]],
    ['CR before CRLF is a bare CR', strict, 'a\r\r\n', [['a\r', 'CRLF', [['bare-cr', 1]]]]],
    [
      'lenient bare LF ends a line',
      lenient,
      'a\nb\r\n',
      [
        ['a', 'LF', []],
        ['b', 'CRLF', []],
      ],
    ],
    ['lenient bare CR is only reported', lenient, 'a\rb\n', [['a\rb', 'LF', [['bare-cr', 1]]]]],
    [
      'NUL and 8-bit in both modes',
      lenient,
      '\x00\xe9\r\n',
      [
        [
          '\x00\xe9',
          'CRLF',
          [
            ['nul', 0],
            ['8bit', 1],
          ],
        ],
      ],
    ],
    [
      'empty lines',
      strict,
      '\r\n\r\n',
      [
        ['', 'CRLF', []],
        ['', 'CRLF', []],
      ],
    ],
    [
      'LF CR is not a line end in strict mode',
      strict,
      'a\n\rb\r\n',
      [
        [
          'a\n\rb',
          'CRLF',
          [
            ['bare-lf', 1],
            ['bare-cr', 2],
          ],
        ],
      ],
    ],
  ] as const)('%s', (_name, options, input, expected) => {
    const { out } = frame(options, [b(input)]);
    expect(
      out.map((f) =>
        f.kind === 'line'
          ? [f.bytes.toString('latin1'), f.end, f.issues.map((i) => [i.kind, i.offset])]
          : f,
      ),
    ).toEqual(expected);
  });

  it('joins a CR at the end of one chunk with an LF at the start of the next', () => {
    const { out, pending } = frame(strict, [b('250 ok\r'), b('\n')]);
    expect(pending).toBe(0);
    expect(view(out)).toEqual([{ kind: 'line', bytes: '250 ok', end: 'CRLF', issues: [] }]);
  });

  it('keeps lines intact when the caller reuses its chunk buffer', () => {
    const framer = new LineFramer(strict);
    const chunk = b('abc');
    framer.push(chunk);
    chunk.fill(0x78);
    const [line] = framer.push(b('\r\n'));
    expect(line?.kind === 'line' && line.bytes.toString('latin1')).toBe('abc');
  });

  it('hands buffered bytes over with takeRemainder and starts afresh', () => {
    const framer = new LineFramer(strict);
    expect(framer.push(b('220 ready\r\nhello\r'))).toHaveLength(1);
    expect(framer.takeRemainder().toString('latin1')).toBe('hello\r');
    expect(framer.pending).toBe(0);
    // The CR went with the remainder: an LF now is a bare LF of a new line, not a CRLF.
    const [line] = framer.push(b('\nx\r\n'));
    expect(line?.kind === 'line' && line.issues).toEqual([{ kind: 'bare-lf', offset: 0 }]);
  });
});

describe('LineFramer cap', () => {
  it.each([
    ['strict, content max-2 + CRLF fits', 'strict', 8, 'line'],
    ['strict, content max-1 + CRLF overflows', 'strict', 9, 'overflow'],
    ['lenient, content max-1 + LF fits', 'lenient', 9, 'line'],
  ] as const)('%s', (_name, mode, contentLength, kind) => {
    const end = kind === 'line' && mode === 'lenient' ? '\n' : '\r\n';
    const { out } = frame({ maxLineLength: 10, mode }, [b(`${'a'.repeat(contentLength)}${end}`)]);
    expect(out[0]?.kind).toBe(kind);
  });

  it('emits overflow start as soon as the cap is passed, end at the CRLF, then recovers', () => {
    const framer = new LineFramer({ maxLineLength: 10, mode: 'strict' });
    const seen: FramedLine[][] = [];
    for (const octet of b(`${'x'.repeat(20)}\r\nok\r\n`))
      seen.push(framer.push(Buffer.from([octet])));
    // 9 content octets cannot be followed by a CRLF within 10: the 9th octet starts the overflow.
    expect(seen.findIndex((s) => s.length > 0)).toBe(8);
    const all = seen.flat();
    expect(all).toEqual([
      { kind: 'overflow', phase: 'start', limit: 10, head: b('x'.repeat(9)) },
      { kind: 'overflow', phase: 'end', dropped: 22 },
      { kind: 'line', bytes: b('ok'), end: 'CRLF', issues: [] },
    ]);
  });

  it('reports an over-long line found whole in one chunk', () => {
    const { out } = frame({ maxLineLength: 40, mode: 'strict' }, [
      b(`${'y'.repeat(60)}\r\nok\r\n`),
    ]);
    expect(out.map((f) => f.kind === 'overflow' && f.phase)).toEqual(['start', 'end', false]);
    expect(out[0]?.kind === 'overflow' && out[0].phase === 'start' && out[0].head.toString()).toBe(
      'y'.repeat(16),
    );
  });

  // Why this test? A hostile peer that never sends CRLF must not grow our memory.
  it('stays bounded over 100 MB without a CRLF fed in 64 KiB chunks', () => {
    for (const mode of ['strict', 'lenient'] as const) {
      const framer = new LineFramer({ maxLineLength: 2048, mode });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const out: FramedLine[] = [];
      let maxPending = 0;
      for (let i = 0; i < 1600; i++) {
        out.push(...framer.push(chunk));
        maxPending = Math.max(maxPending, framer.pending);
      }
      expect(maxPending).toBeLessThanOrEqual(2048);
      expect(out.map((f) => f.kind === 'overflow' && f.phase)).toEqual(['start']);
      out.push(...framer.push(b('\r\nok\r\n')));
      expect(out[1]).toEqual({ kind: 'overflow', phase: 'end', dropped: 1600 * 64 * 1024 + 2 });
      expect(out[2]?.kind).toBe('line');
    }
  });

  it.each([
    [{ maxLineLength: 1, mode: 'strict' }],
    [{ maxLineLength: 10.5, mode: 'strict' }],
    [{ maxLineLength: 10, mode: 'loose' }],
  ])('rejects bad options %o with a config error', (options) => {
    expect(() => new LineFramer(options as LineFramerOptions)).toThrow(
      expect.objectContaining({ code: ERROR_CODES.config }),
    );
  });
});
