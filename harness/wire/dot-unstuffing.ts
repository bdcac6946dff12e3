/**
 * Stream form of the server-side DATA decoder ({@link DotUnstuffDecoder}) and a one-shot
 * helper. Readable side: the unstuffed content. Events: `'data-event'` with a
 * {@link DataEvent} for every bare CR/LF, end-of-data look-alike, long line or cap
 * crossing; `'end-of-data'` with `{ remainder }` once CRLF.CRLF was read.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { ERROR_CODES, SmtpHarnessError } from '../errors.ts';
import {
  type DataEvent,
  DotUnstuffDecoder,
  type DotUnstuffOptions,
} from './dot-unstuff-decoder.ts';
import { SMTP_LIMITS } from './limits.ts';

/** Event name for each {@link DataEvent}. */
export const DATA_EVENT = 'data-event';
/** Event name for the end of data; the payload is {@link EndOfData}. */
export const END_OF_DATA = 'end-of-data';

/** Payload of the `'end-of-data'` event. */
export interface EndOfData {
  /** Bytes after the terminator in the chunk that held it (the next pipelined command). */
  remainder: Buffer;
}

/** Options of {@link DotUnstuffer}. */
export interface DotUnstufferOptions extends DotUnstuffOptions {
  /**
   * Cap on bytes kept after the terminator (writes that arrive after end of data). Default:
   * 100 command lines' worth, more than any RFC 2920 pipelined batch needs.
   */
  maxRemainder?: number;
}

const DEFAULT_MAX_REMAINDER = 100 * SMTP_LIMITS.commandLine;

/**
 * Server-side DATA decoder as a Transform: write raw bytes from the socket, read the
 * unstuffed content. Ends its readable side at CRLF.CRLF; bytes written after that are
 * kept (capped) for {@link DotUnstuffer.takeRemainder}. Ending the input before the
 * terminator fails the stream with `SMTPSPEC_ERR_CLOSED`.
 */
export class DotUnstuffer extends Transform {
  readonly decoder: DotUnstuffDecoder;
  private readonly maxRemainder: number;
  private remainder: Buffer[] = [];
  private remainderLength = 0;

  constructor(options: DotUnstufferOptions = {}) {
    super();
    this.decoder = new DotUnstuffDecoder(options);
    this.maxRemainder = options.maxRemainder ?? DEFAULT_MAX_REMAINDER;
  }

  /** True once the content passed the size cap; the content read is then incomplete. */
  get sizeExceeded(): boolean {
    return this.decoder.sizeExceeded;
  }

  /** True once CRLF.CRLF was read. */
  get isDone(): boolean {
    return this.decoder.isDone;
  }

  /** All bytes after the terminator written so far; clears them. */
  takeRemainder(): Buffer {
    const all = Buffer.concat(this.remainder);
    this.remainder = [];
    this.remainderLength = 0;
    return all;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.decoder.isDone) {
      callback(this.keepRemainder(chunk));
      return;
    }
    const step = this.decoder.push(chunk);
    for (const bytes of step.data) this.push(bytes);
    for (const event of step.events) this.emit(DATA_EVENT, event);
    if (step.done) {
      const remainder = step.remainder ?? Buffer.alloc(0);
      const error = this.keepRemainder(remainder);
      this.emit(END_OF_DATA, { remainder } satisfies EndOfData);
      this.push(null);
      callback(error);
      return;
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.decoder.isDone) {
      callback();
      return;
    }
    const reason = 'input ended before CRLF.CRLF (RFC 5321 §4.1.1.4)';
    callback(new SmtpHarnessError(ERROR_CODES.closed, reason));
  }

  private keepRemainder(bytes: Buffer): SmtpHarnessError | null {
    if (bytes.length === 0) return null;
    if (this.remainderLength + bytes.length > this.maxRemainder) {
      const reason = `more than ${this.maxRemainder} octets written after the end of data`;
      return new SmtpHarnessError(ERROR_CODES.limit, reason);
    }
    this.remainder.push(bytes);
    this.remainderLength += bytes.length;
    return null;
  }
}

/** Result of {@link dotUnstuff}. */
export interface DotUnstuffResult {
  /** Unstuffed content (up to the cap), without the terminator. */
  content: Buffer;
  events: DataEvent[];
  /** False when the input had no CRLF.CRLF. */
  isDone: boolean;
  sizeExceeded: boolean;
  /** Bytes after the terminator; empty when not done. */
  remainder: Buffer;
}

/** Decodes a whole buffer at once (tests, fixtures, replay). */
export function dotUnstuff(input: Buffer, options: DotUnstuffOptions = {}): DotUnstuffResult {
  const decoder = new DotUnstuffDecoder(options);
  const step = decoder.push(input);
  return {
    content: Buffer.concat(step.data),
    events: step.events,
    isDone: step.done,
    sizeExceeded: decoder.sizeExceeded,
    remainder: step.remainder ?? Buffer.alloc(0),
  };
}
