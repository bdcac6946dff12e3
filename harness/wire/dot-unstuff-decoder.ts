/**
 * Server side of DATA transparency (RFC 5321 §4.5.2, §4.1.1.4) as a byte state machine
 * with no stream plumbing: the server feeds it socket chunks inline.
 *
 * - A line starts only after CRLF (or at the start: the CRLF of the DATA line). A "." there
 *   is removed (§4.5.2); data ends ONLY on CRLF "." CRLF.
 * - Bare CR, bare LF (§2.3.8) and every end-of-data look-alike (`\n.\n`, `\r.\r\n`, ...,
 *   the SMTP smuggling patterns) are reported as events and never end the data. A "."
 *   after a bare CR or LF is not at a line start and is kept.
 * - A size cap is enforced as bytes arrive: past it nothing more is stored, but decoding
 *   goes on to find the terminator so the session stays in sync.
 * - Carry between chunks is the state plus at most one withheld CR (".CR" at a line start).
 */
import {
  type DataEvent,
  type DataState,
  type LineBreak,
  type LookAlikePattern,
  lookAlike,
} from './data-events.ts';
import { SMTP_LIMITS } from './limits.ts';

export type { DataEvent, DataState, LineBreak, LookAlikePattern } from './data-events.ts';

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

/** Default cap on stored content octets when the caller gives none (10 MiB). */
export const DEFAULT_MAX_DATA_SIZE = 10 * 1024 * 1024;

/**
 * Result of one {@link DotUnstuffDecoder.push}. `data` are views into the pushed chunk (do
 * not mutate). `remainder` is set once done: the bytes after the terminator (the next
 * pipelined command), possibly empty.
 */
export interface DecodeStep {
  data: Buffer[];
  events: DataEvent[];
  done: boolean;
  remainder?: Buffer;
}

/** Options of the decoder. */
export interface DotUnstuffOptions {
  /** Cap on stored content octets (unstuffed); default {@link DEFAULT_MAX_DATA_SIZE}. */
  maxSize?: number;
  /**
   * Longest text line, CRLF included and a stuffed dot not, before a `line-too-long` event;
   * default the RFC 5321 §4.5.3.1.6 limit, 1000.
   */
  maxLineLength?: number;
}

/** Incremental DATA decoder; see the module comment for the rules. */
export class DotUnstuffDecoder {
  readonly maxSize: number;
  readonly maxLineLength: number;
  private state: DataState = 'BeginLine';
  /** The break that started the current line; the DATA line's CRLF at first. */
  private lineBreak: LineBreak = 'CRLF';
  private consumed = 0;
  private lineStart = 0;
  private isLineDotRemoved = false;
  private stored = 0;
  private content = 0;
  private isSizeExceeded = false;
  // Per-push working set.
  private chunk: Buffer = Buffer.alloc(0);
  private runStart = -1;
  private data: Buffer[] = [];
  private events: DataEvent[] = [];

  constructor(options: DotUnstuffOptions = {}) {
    this.maxSize = options.maxSize ?? DEFAULT_MAX_DATA_SIZE;
    this.maxLineLength = options.maxLineLength ?? SMTP_LIMITS.textLine;
  }

  /** True once CRLF.CRLF was read. */
  get isDone(): boolean {
    return this.state === 'Done';
  }

  /** True once the content passed `maxSize`: the stored content is incomplete. */
  get sizeExceeded(): boolean {
    return this.isSizeExceeded;
  }

  /** Input octets consumed, terminator included, remainder excluded. */
  get bytesIn(): number {
    return this.consumed;
  }

  /** Unstuffed content octets seen (also past the cap). */
  get contentLength(): number {
    return this.content;
  }

  /**
   * Octets of the text line begun and not yet ended, a stuffed dot not counted: lets a
   * caller see a line outgrow a limit before its end (events come only at the line end).
   */
  get openLineLength(): number {
    return this.consumed - this.lineStart - (this.isLineDotRemoved ? 1 : 0);
  }

  /** Current state, for diagnostics and tests. */
  get currentState(): DataState {
    return this.state;
  }

  /** Feeds one chunk. After `done`, every further chunk comes back whole as `remainder`. */
  push(chunk: Buffer): DecodeStep {
    if (this.state === 'Done') return { data: [], events: [], done: true, remainder: chunk };
    this.chunk = chunk;
    this.runStart = -1;
    this.data = [];
    this.events = [];
    for (let i = 0; i < chunk.length; i++) {
      this.step(chunk[i] ?? 0, i);
      if (this.isDone) return this.finishChunk(i + 1, chunk.subarray(i + 1));
    }
    return this.finishChunk(chunk.length, undefined);
  }

  private finishChunk(end: number, remainder: Buffer | undefined): DecodeStep {
    this.flushRun(end);
    this.consumed += end;
    const step: DecodeStep = {
      data: this.data,
      events: this.events,
      done: remainder !== undefined,
    };
    if (remainder !== undefined) step.remainder = remainder;
    this.chunk = Buffer.alloc(0);
    return step;
  }

  private step(b: number, i: number): void {
    switch (this.state) {
      case 'BeginLine':
        this.atLineStart(b, i);
        break;
      case 'Data':
        this.inData(b, i);
        break;
      case 'CR':
        this.afterCR(b, i);
        break;
      case 'Dot':
        this.afterDot(b, i);
        break;
      case 'DotCR':
        this.afterDotCR(b, i);
        break;
      case 'Done':
        break;
    }
  }

  private atLineStart(b: number, i: number): void {
    if (b !== DOT) {
      this.inData(b, i);
      return;
    }
    // RFC 5321 §4.5.2: a leading "." of a line is deleted; only CRLF starts a line, so a
    // "." after a bare CR or LF stays content.
    if (this.lineBreak === 'CRLF') {
      this.drop(i);
      this.isLineDotRemoved = true;
    } else {
      this.pass(i);
    }
    this.state = 'Dot';
  }

  private inData(b: number, i: number): void {
    this.pass(i);
    if (b === CR) {
      this.state = 'CR';
    } else if (b === LF) {
      // RFC 5321 §2.3.8: LF without CR is not a line end; report it.
      this.event({ kind: 'bare-lf', offset: this.consumed + i });
      this.newLine('LF', i + 1);
    } else {
      this.state = 'Data';
    }
  }

  private afterCR(b: number, i: number): void {
    if (b === LF) {
      this.pass(i);
      this.endTextLine(i);
      this.newLine('CRLF', i + 1);
      return;
    }
    // RFC 5321 §2.3.8: CR without LF is not a line end; report it.
    this.event({ kind: 'bare-cr', offset: this.consumed + i - 1 });
    this.newLine('CR', i);
    this.atLineStart(b, i);
  }

  private afterDot(b: number, i: number): void {
    if (b === CR) {
      // After a CRLF-started ".", this CR is either the terminator's or content: hold it.
      if (this.lineBreak === 'CRLF') this.drop(i);
      else this.pass(i);
      this.state = 'DotCR';
      return;
    }
    if (b === LF) this.reportLookAlike(lookAlike(this.lineBreak, 'LF'), i - 1);
    this.inData(b, i);
  }

  private afterDotCR(b: number, i: number): void {
    if (b === LF && this.lineBreak === 'CRLF') {
      // RFC 5321 §4.1.1.4: CRLF "." CRLF ends the mail data.
      this.state = 'Done';
      return;
    }
    if (b === LF) {
      this.reportLookAlike(lookAlike(this.lineBreak, 'CRLF'), i - 2);
      this.pass(i);
      this.endTextLine(i);
      this.newLine('CRLF', i + 1);
      return;
    }
    this.reportLookAlike(lookAlike(this.lineBreak, 'CR'), i - 2);
    this.event({ kind: 'bare-cr', offset: this.consumed + i - 1 });
    if (this.lineBreak === 'CRLF') this.literal(Buffer.from([CR]), i);
    this.newLine('CR', i);
    this.atLineStart(b, i);
  }

  private reportLookAlike(pattern: LookAlikePattern, dotIndex: number): void {
    this.event({ kind: 'end-of-data-look-alike', offset: this.consumed + dotIndex, pattern });
  }

  private newLine(lineBreak: LineBreak, nextIndex: number): void {
    this.lineBreak = lineBreak;
    this.state = 'BeginLine';
    if (lineBreak === 'CRLF') {
      this.lineStart = this.consumed + nextIndex;
      this.isLineDotRemoved = false;
    }
  }

  /** RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets with CRLF, stuffing dot not counted. */
  private endTextLine(lfIndex: number): void {
    const length = this.consumed + lfIndex + 1 - this.lineStart - (this.isLineDotRemoved ? 1 : 0);
    if (length > this.maxLineLength) {
      this.event({ kind: 'line-too-long', offset: this.lineStart, length });
    }
  }

  private event(event: DataEvent): void {
    this.events.push(event);
  }

  /** Byte `i` is content as received: extend the current run. */
  private pass(i: number): void {
    if (this.runStart < 0) this.runStart = i;
  }

  /** Byte `i` is not content (or not yet): close the run before it. */
  private drop(i: number): void {
    this.flushRun(i);
  }

  /** Content that is not a view of the chunk (a withheld CR released), placed before byte `i`. */
  private literal(bytes: Buffer, i: number): void {
    this.flushRun(i);
    this.store(bytes, this.consumed + i);
  }

  private flushRun(end: number): void {
    if (this.runStart >= 0 && this.runStart < end) {
      this.store(this.chunk.subarray(this.runStart, end), this.consumed + this.runStart);
    }
    this.runStart = -1;
  }

  /** Stores content unless the cap is passed (RFC 5321 §4.5.3.1.7; reply 552 is the caller's). */
  private store(bytes: Buffer, offset: number): void {
    this.content += bytes.length;
    if (this.isSizeExceeded) return;
    if (this.stored + bytes.length > this.maxSize) {
      this.isSizeExceeded = true;
      const crossing = offset + (this.maxSize - this.stored);
      this.event({ kind: 'size-exceeded', offset: crossing, maxSize: this.maxSize });
      return;
    }
    this.stored += bytes.length;
    this.data.push(bytes);
  }
}
