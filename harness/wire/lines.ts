/**
 * Line framing over a byte stream, with a hard cap per line.
 *
 * The framer never normalises: a line's `bytes` are exactly the octets that arrived, minus
 * the terminator. Deviations (bare CR, bare LF, NUL, 8-bit octets) are reported, not fixed.
 */
import { ConfigError } from '../errors.ts';

const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;
/** How many octets of a discarded over-long line are kept for diagnostics. */
const HEAD_OCTETS = 16;

/** How a line ended. `'LF'` (a bare LF) only ends a line in lenient mode. */
export type LineEnd = 'CRLF' | 'LF';

/** One out-of-grammar octet inside a line; `offset` is its index in the line's `bytes`. */
export interface ByteIssue {
  kind: 'bare-cr' | 'bare-lf' | 'nul' | '8bit';
  offset: number;
}

/**
 * What the framer hands out.
 * - `line`: a complete line within the cap.
 * - `overflow` / `start`: emitted once, as soon as the current line can no longer fit in the
 *   cap. `head` holds its first octets (16, or `maxLineLength - 1` if less) so a caller
 *   can still tell what the line was (e.g. a reply code and separator).
 * - `overflow` / `end`: the over-long line's terminator arrived; framing continues normally.
 *   `dropped` counts every octet of that line that was discarded, terminator included.
 */
export type FramedLine =
  | { kind: 'line'; bytes: Buffer; end: LineEnd; issues: ByteIssue[] }
  | { kind: 'overflow'; phase: 'start'; limit: number; head: Buffer }
  | { kind: 'overflow'; phase: 'end'; dropped: number };

/**
 * `maxLineLength` counts octets including the terminator (RFC 5321 §4.5.3.1.4-6 state
 * their limits that way). `strict`: only CRLF ends a line (server side). `lenient`: a bare
 * LF also ends a line (client side, reading a possibly broken server).
 */
export interface LineFramerOptions {
  maxLineLength: number;
  mode: 'strict' | 'lenient';
}

/** Smallest cap that can hold an empty line (CRLF). */
const MIN_LINE_LENGTH = 2;

/** Splits a byte stream into lines; memory stays below `maxLineLength` whatever arrives. */
export class LineFramer {
  readonly #max: number;
  readonly #lenient: boolean;
  #parts: Buffer[] = [];
  #pending = 0;
  /** Last octet buffered (or discarded), or -1: a CR here may pair with an LF in the next chunk. */
  #last = -1;
  #discarding = false;
  #dropped = 0;

  constructor(options: LineFramerOptions) {
    const { maxLineLength, mode } = options;
    if (!Number.isSafeInteger(maxLineLength) || maxLineLength < MIN_LINE_LENGTH) {
      throw new ConfigError(`must be an integer >= ${MIN_LINE_LENGTH}`, 'maxLineLength');
    }
    if (mode !== 'strict' && mode !== 'lenient') {
      throw new ConfigError(`must be 'strict' or 'lenient'`, 'mode');
    }
    this.#max = maxLineLength;
    this.#lenient = mode === 'lenient';
  }

  /** Octets buffered awaiting a line end; never more than `maxLineLength`. */
  get pending(): number {
    return this.#pending;
  }

  /** Feeds one chunk; returns the lines (and overflow markers) it completed, in order. */
  push(chunk: Buffer): FramedLine[] {
    const out: FramedLine[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      pos = this.#discarding ? this.#skip(chunk, pos, out) : this.#scan(chunk, pos, out);
    }
    return out;
  }

  /**
   * Returns the buffered octets of the unfinished line and resets the framer, e.g. when
   * DATA content or a TLS handshake takes over the stream. The unseen rest of a line being
   * discarded is not recoverable: then the result is empty.
   */
  takeRemainder(): Buffer {
    const rest = Buffer.concat(this.#parts, this.#pending);
    this.#parts = [];
    this.#pending = 0;
    this.#last = -1;
    this.#discarding = false;
    this.#dropped = 0;
    return rest;
  }

  /**
   * Index of the LF that ends the current line, searching `chunk` from `from`, or -1.
   * RFC 5321 §2.3.8: "Conforming implementations MUST NOT recognize or generate any other
   * character or character sequence as a line terminator." Strict mode follows that.
   * Lenient mode (a test client, not a mail relay) also takes a bare LF, so a broken
   * peer's line is read and reported instead of waited on forever.
   */
  #findEnd(chunk: Buffer, from: number): number {
    let i = chunk.indexOf(LF, from);
    while (i !== -1) {
      if (this.#lenient || this.#byteBefore(chunk, i) === CR) return i;
      i = chunk.indexOf(LF, i + 1);
    }
    return -1;
  }

  /** The octet before `chunk[i]`, looking back into earlier chunks when `i` is 0. */
  #byteBefore(chunk: Buffer, i: number): number {
    return i > 0 ? (chunk[i - 1] ?? -1) : this.#last;
  }

  #scan(chunk: Buffer, pos: number, out: FramedLine[]): number {
    const lf = this.#findEnd(chunk, pos);
    if (lf === -1) {
      this.#buffer(chunk.subarray(pos), out);
      return chunk.length;
    }
    const total = this.#pending + (lf + 1 - pos);
    if (total > this.#max) {
      out.push(this.#startOverflow(chunk.subarray(pos, lf + 1)));
      out.push({ kind: 'overflow', phase: 'end', dropped: total });
      this.takeRemainder();
      return lf + 1;
    }
    const whole = Buffer.concat([...this.#parts, chunk.subarray(pos, lf + 1)], total);
    const end: LineEnd = this.#byteBefore(chunk, lf) === CR ? 'CRLF' : 'LF';
    const bytes = whole.subarray(0, total - (end === 'CRLF' ? 2 : 1));
    out.push({ kind: 'line', bytes, end, issues: findIssues(bytes) });
    this.takeRemainder();
    return lf + 1;
  }

  /** Buffers a tail without a line end, or starts discarding once no terminator can fit. */
  #buffer(tail: Buffer, out: FramedLine[]): void {
    if (tail.length === 0) return;
    const last = tail[tail.length - 1] ?? -1;
    // Fewest octets still needed to end the line: the LF after a CR, else a full terminator.
    const needed = last === CR || this.#lenient ? 1 : 2;
    const buffered = this.#pending + tail.length;
    if (buffered + needed > this.#max) {
      out.push(this.#startOverflow(tail));
      this.#parts = [];
      this.#pending = 0;
      this.#discarding = true;
      this.#dropped = buffered;
      this.#last = last;
      return;
    }
    // Copy: the caller may reuse its chunk buffer after push() returns.
    this.#parts.push(Buffer.from(tail));
    this.#pending = buffered;
    this.#last = last;
  }

  #startOverflow(tail: Buffer): FramedLine {
    // An over-long line always has at least max - 1 octets when it is detected, whatever
    // the chunking; capping the head there keeps the event independent of chunk boundaries.
    const size = Math.min(HEAD_OCTETS, this.#max - 1);
    const known = Buffer.concat([...this.#parts, tail.subarray(0, size)]);
    const head = Buffer.from(known.subarray(0, size));
    return { kind: 'overflow', phase: 'start', limit: this.#max, head };
  }

  /** Discards octets of an over-long line without keeping them, up to its terminator. */
  #skip(chunk: Buffer, pos: number, out: FramedLine[]): number {
    const lf = this.#findEnd(chunk, pos);
    if (lf === -1) {
      this.#dropped += chunk.length - pos;
      this.#last = chunk[chunk.length - 1] ?? -1;
      return chunk.length;
    }
    const dropped = this.#dropped + (lf + 1 - pos);
    out.push({ kind: 'overflow', phase: 'end', dropped });
    this.takeRemainder();
    return lf + 1;
  }
}

/**
 * Out-of-grammar octets inside a line's content. A CR or LF left inside the content is
 * always bare, because CRLF (and in lenient mode LF) would have ended the line.
 */
export function findIssues(bytes: Buffer): ByteIssue[] {
  const issues: ByteIssue[] = [];
  for (let offset = 0; offset < bytes.length; offset++) {
    const b = bytes[offset] ?? 0;
    if (b >= 0x20 && b < 0x80) continue;
    // RFC 5321 §2.3.8: CR and LF must only occur together as CRLF.
    if (b === CR) issues.push({ kind: 'bare-cr', offset });
    else if (b === LF) issues.push({ kind: 'bare-lf', offset });
    // RFC 5321 §2.4: "Commands and replies are composed of characters from the ASCII
    // character set"; §4.2 textstring and §4.1.2 String also leave out NUL.
    else if (b === NUL) issues.push({ kind: 'nul', offset });
    else if (b >= 0x80) issues.push({ kind: '8bit', offset });
  }
  return issues;
}
