/**
 * The session's inbound byte stream as a pull API: command lines (through the shared
 * strict LineFramer), raw chunks for DATA/BDAT content, and a way to throw away pipelined
 * plaintext at STARTTLS. Bytes not yet consumed stay raw, so switching from commands to
 * content never loses or re-interprets an octet.
 *
 * Memory is bounded: the socket is paused while more than `highWater` octets wait here.
 */
import type { Socket } from 'node:net';
import type { ByteIssue, LineFramer } from '../../harness/wire/lines.ts';

const LF = 0x0a;

/** A command line, or an over-long line that was discarded (RFC 5321 §4.5.3.1.4). */
export type InputLine =
  | { kind: 'line'; bytes: Buffer; issues: ByteIssue[] }
  | { kind: 'too-long'; head: Buffer; dropped: number };

/** Why a read returned without data. `interrupted`: {@link SessionInput.interrupt} was called. */
export type InputStop = 'eof' | 'timeout' | 'interrupted';

/** Pull-based reader over a socket (plain or TLS). */
export class SessionInput {
  readonly #highWater: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #ended = false;
  #interrupted = false;
  #wake: (() => void) | undefined;
  #stream: Socket | undefined;

  constructor(highWater = 64 * 1024) {
    this.#highWater = highWater;
  }

  /** Starts reading from `stream` (the TCP socket, later the TLS socket). */
  attach(stream: Socket): void {
    this.#stream = stream;
    this.#ended = false;
    stream.on('data', this.#onData);
    stream.on('end', this.#onEnd);
    stream.on('close', this.#onEnd);
    stream.resume();
  }

  /** Stops reading from the current stream (before a TLS handshake takes it over). */
  detach(): void {
    const stream = this.#stream;
    if (!stream) return;
    stream.pause();
    stream.off('data', this.#onData);
    stream.off('end', this.#onEnd);
    stream.off('close', this.#onEnd);
    this.#stream = undefined;
  }

  /** Octets received and not yet consumed. */
  get buffered(): number {
    return this.#buffered;
  }

  /** Drops every buffered octet (plaintext pipelined after STARTTLS, RFC 3207 §4.2); returns the count. */
  discardBuffered(): number {
    const dropped = this.#buffered;
    this.#chunks = [];
    this.#buffered = 0;
    this.#resumeIfLow();
    return dropped;
  }

  /** Puts octets back in front (the bytes after DATA's terminator: the next commands). */
  unshift(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.#chunks.unshift(bytes);
    this.#buffered += bytes.length;
  }

  /** Makes the current (or next) wait return `interrupted` (server shutdown). */
  interrupt(): void {
    this.#interrupted = true;
    this.#wake?.();
  }

  /**
   * Reads one command line through `framer`, feeding it at most up to one LF at a time so
   * that nothing past the line is consumed. `timeoutMs` bounds the whole line, so a client
   * trickling octets cannot hold the session forever (RFC 5321 §4.5.3.2.7).
   */
  async readLine(framer: LineFramer, timeoutMs: number): Promise<InputLine | InputStop> {
    const deadline = Date.now() + timeoutMs;
    let head: Buffer = Buffer.alloc(0);
    for (;;) {
      while (this.#buffered > 0) {
        const first = this.#chunks[0] as Buffer;
        const lf = first.indexOf(LF);
        const piece = lf === -1 ? first : first.subarray(0, lf + 1);
        this.#consume(piece.length);
        for (const framed of framer.push(piece)) {
          if (framed.kind === 'line')
            return { kind: 'line', bytes: framed.bytes, issues: framed.issues };
          if (framed.phase === 'start') head = framed.head;
          else return { kind: 'too-long', head, dropped: framed.dropped };
        }
      }
      const stop = await this.#waitForData(deadline);
      if (stop !== undefined) return stop;
    }
  }

  /** Reads up to `max` raw octets; `timeoutMs` bounds the wait for them (RFC 5321 §4.5.3.2.5). */
  async readChunk(max: number, timeoutMs: number): Promise<Buffer | InputStop> {
    if (this.#buffered === 0) {
      const stop = await this.#waitForData(Date.now() + timeoutMs);
      if (stop !== undefined) return stop;
    }
    const first = this.#chunks[0] as Buffer;
    const piece = first.length <= max ? first : first.subarray(0, max);
    this.#consume(piece.length);
    return piece;
  }

  /** Waits up to `ms` for any input; true when some arrived (early-talker check, RFC 5321 §4.3.1). */
  async waitForInput(ms: number): Promise<boolean> {
    if (this.#buffered > 0) return true;
    await this.#waitForData(Date.now() + ms);
    return this.#buffered > 0;
  }

  #consume(count: number): void {
    const first = this.#chunks[0] as Buffer;
    if (count >= first.length) this.#chunks.shift();
    else this.#chunks[0] = first.subarray(count);
    this.#buffered -= count;
    this.#resumeIfLow();
  }

  #resumeIfLow(): void {
    if (this.#buffered < this.#highWater / 2 && this.#stream?.isPaused()) this.#stream.resume();
  }

  async #waitForData(deadline: number): Promise<InputStop | undefined> {
    for (;;) {
      if (this.#interrupted) return 'interrupted';
      if (this.#buffered > 0) return undefined;
      if (this.#ended) return 'eof';
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  readonly #onData = (chunk: Buffer): void => {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    if (this.#buffered >= this.#highWater) this.#stream?.pause();
    this.#wake?.();
  };

  readonly #onEnd = (): void => {
    this.#ended = true;
    this.#wake?.();
  };
}
