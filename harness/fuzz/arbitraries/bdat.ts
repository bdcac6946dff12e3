/**
 * RFC 3030 §2 `bdat-cmd = "BDAT" SP chunk-size [ SP end-marker ] CRLF`,
 * `chunk-size = 1*DIGIT`, `end-marker = "LAST"`: exactly chunk-size octets follow the line,
 * with no dot-stuffing. The chunks here are of size 0, 1, a few octets or a few kilobytes,
 * mostly exact, sometimes with one octet more or less than declared, a size of more digits
 * than any counter holds, or a broken line; LAST at the end, nowhere, first, or on every
 * chunk.
 */
import fc from 'fast-check';

/**
 * How a chunk's octets match its line: `exact`; `short` (fewer than declared: the server
 * waits for the rest); `long` (one more: the extra octet starts the next command); `huge`
 * (a size no buffer takes); `bad-line` (no valid chunk-size, no octets sent).
 */
export type ChunkFraming = 'exact' | 'short' | 'long' | 'huge' | 'bad-line';

/** One BDAT command and the octets sent after it. */
export interface BdatChunk {
  /** The command line, without CRLF. */
  line: string;
  /** The octets after the line (latin1, one char per octet). */
  payload: string;
  last: boolean;
  framing: ChunkFraming;
}

/** Chunk content: any octet, with CRLF, dots and NUL more often than chance would give. */
const octet = fc.oneof(
  { arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), weight: 6 },
  { arbitrary: fc.constantFrom('\r\n', '\r\n.\r\n', '.', '\0', '\n', '\r'), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), weight: 1 },
);

/** `size` octets of content, built from a short random head so long chunks stay cheap. */
function payloadOf(size: number): fc.Arbitrary<string> {
  if (size === 0) return fc.constant('');
  return fc.array(octet, { minLength: 1, maxLength: Math.min(size, 16) }).map((parts) =>
    parts
      .join('')
      .repeat(Math.ceil(size / Math.max(1, parts.join('').length)))
      .slice(0, size),
  );
}

const size = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: fc.constant(1), weight: 2 },
  { arbitrary: fc.integer({ min: 2, max: 64 }), weight: 3 },
  { arbitrary: fc.integer({ min: 65, max: 8192 }), weight: 1 },
);

/** Sizes past 32- and 64-bit counters, and a run of 25 nines (RFC 3030 sets no limit). */
const HUGE = ['4294967296', '18446744073709551616', '9999999999999999999999999', '1000000000000'];

/** Lines that carry no valid chunk-size (RFC 3030 §2 grammar broken). */
const BAD_LINES = [
  'BDAT',
  'BDAT -1',
  'BDAT 0x10',
  'BDAT  5',
  'BDAT 5 LAST x',
  'BDAT LAST',
  'BDAT 5LAST',
];

type Framing =
  | { framing: ChunkFraming; payload: string; declared: string }
  | { framing: 'bad-line'; line: string };

function framed(n: number): fc.Arbitrary<Framing> {
  return payloadOf(n).chain((payload) =>
    fc.oneof(
      {
        arbitrary: fc.constant<Framing>({ framing: 'exact', payload, declared: String(n) }),
        weight: 12,
      },
      {
        arbitrary: fc
          .integer({ min: 1, max: 10 })
          .map((more): Framing => ({ framing: 'short', payload, declared: String(n + more) })),
        weight: 1,
      },
      {
        arbitrary: fc.constant<Framing>({
          framing: 'long',
          payload: `${payload}X`,
          declared: String(n),
        }),
        weight: 1,
      },
      {
        arbitrary: fc
          .constantFrom(...HUGE)
          .map((d): Framing => ({ framing: 'huge', payload, declared: d })),
        weight: 1,
      },
      {
        arbitrary: fc
          .constantFrom(...BAD_LINES)
          .map((line): Framing => ({ framing: 'bad-line', line })),
        weight: 1,
      },
    ),
  );
}

/** Where LAST goes: on the final chunk, on none, on the first, or on every one. */
type Placement = 'end' | 'none' | 'first' | 'every';

function isLast(p: Placement, i: number, count: number): boolean {
  if (p === 'every') return true;
  if (p === 'first') return i === 0;
  return p === 'end' && i === count - 1;
}

/** A sequence of 1 to 4 BDAT chunks (RFC 3030 §2). */
export function bdatChunks(): fc.Arbitrary<BdatChunk[]> {
  // `none` first: shrinking goes there, so a chunk that fails alone loses its LAST.
  const placement = fc.oneof(
    { arbitrary: fc.constant<Placement>('none'), weight: 3 },
    { arbitrary: fc.constant<Placement>('end'), weight: 6 },
    { arbitrary: fc.constant<Placement>('first'), weight: 1 },
    { arbitrary: fc.constant<Placement>('every'), weight: 1 },
  );
  const marker = fc.oneof(
    { arbitrary: fc.constant('LAST'), weight: 6 },
    // RFC 5321 §2.4 makes keywords case-insensitive, RFC 3030's end-marker included.
    { arbitrary: fc.constantFrom('last', 'Last'), weight: 1 },
  );
  return fc
    .tuple(fc.array(size.chain(framed), { minLength: 1, maxLength: 4 }), placement, marker)
    .map(([chunks, p, word]) =>
      chunks.map((c, i): BdatChunk => {
        const last = isLast(p, i, chunks.length);
        if (c.framing === 'bad-line' && 'line' in c)
          return { line: c.line, payload: '', last: false, framing: 'bad-line' };
        const { payload, declared } = c as Extract<Framing, { payload: string }>;
        return {
          line: `BDAT ${declared}${last ? ` ${word}` : ''}`,
          payload,
          last,
          framing: c.framing,
        };
      }),
    );
}
