/**
 * The byte pipe under a client session: one socket (plain, then maybe TLS), every byte
 * recorded in the transcript, inbound bytes parsed into the bounded inbox, outbound writes
 * with a deadline. It knows nothing of SMTP commands.
 */
import type { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { type SmtpHarnessError, TimeoutError } from '../errors.ts';
import type { TlsDetails } from '../transcript/events.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { ReplyParser, type ReplyParserOptions } from '../wire/reply.ts';
import {
  ConnectionClosedError,
  ReplyOverflowError,
  SessionStateError,
  TlsError,
} from './errors.ts';
import { Inbox } from './inbox.ts';
import { describeTlsError, handshake, tlsDetailsOf } from './open.ts';
import { recordError } from './record.ts';

/** Error codes that mean the peer reset or vanished, not a local fault. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH']);
/**
 * Queued replies before reading pauses; with `maxReplyBytes` this bounds the inbox. A
 * pipelined burst needs no more (reading resumes as the reader takes them), and a server
 * flooding replies fills the queue with objects that outlive the young generation: 256
 * made the harness promote and later collect over 2 GB in one `run` (bench/hostile-memory.ts).
 */
const MAX_QUEUED_ITEMS = 64;
/** How long `close()` waits for the socket to finish closing before destroying it. */
const CLOSE_GRACE_MS = 1000;
/**
 * Octets read after our own close before the socket is destroyed: a server that keeps
 * streaming after our FIN would otherwise be read, at loopback speed, for the whole grace.
 */
const CLOSE_DRAIN_OCTETS = 64 * 1024;
/**
 * Octets read while discarding (waiting for a close) before reading pauses: far more than
 * a server says before closing, and each octet is still parsed (the stream stays framed).
 */
const DISCARD_OCTETS = 256 * 1024;
/**
 * Octets parsed at a time. A 64 KiB read of a server that floods tiny replies or lines
 * (`250 ok`, `x`) holds thousands of them: parsed a slice at a time, the inbox cap stops
 * the parsing too, and what is left of the read waits, unparsed, for the reader. A slice
 * of `250 ok` lines is 128 replies past the cap at most.
 */
const FEED_SLICE = 1024;
/**
 * Server octets and lines one session keeps in its transcript. A conformant server sends
 * a few kilobytes in a session; past this a server is streaming (a gigabyte reply, random
 * bytes, replies nobody asked for), and a run of hundreds of cases must not keep hundreds
 * of such transcripts: what follows is parsed (the reply caps still apply) and counted,
 * not kept. Lines are capped too, since each is one transcript event.
 */
export const MAX_SERVER_TRANSCRIPT_OCTETS = 32 * 1024;
export const MAX_SERVER_TRANSCRIPT_LINES = 256;

export class Link {
  readonly transcript: Transcript;
  readonly inbox: Inbox;
  readonly #limits: ReplyParserOptions;
  #socket: Socket;
  #parser: ReplyParser;
  #secure: boolean;
  #upgrading = false;
  #closeRecorded = false;
  #socketClosed = false;
  #closedByClient = false;
  /** Octets received after our close. */
  #drained = 0;
  /** The rest of a read that came while the inbox was full: parsed once items are taken. */
  #pending: Buffer | undefined;
  /** Octets received while discarding, and whether that paused reading. */
  #discarded = 0;
  #discardPaused = false;
  /** Server octets received so far, kept in the transcript or not. */
  #serverOctets = 0;
  /** Server octets and lines kept in the transcript, and whether a cap was reached. */
  #serverKept = 0;
  #serverLines = 0;
  #serverCapped = false;
  /** Parsed items are dropped instead of queued (expectClose, closing). */
  #discarding = false;
  readonly #dataWatchers = new Set<(chunk: Buffer) => void>();
  readonly #endWatchers = new Set<() => void>();

  constructor(socket: Socket, secure: boolean, transcript: Transcript, limits: ReplyParserOptions) {
    this.transcript = transcript;
    this.#limits = limits;
    this.#socket = socket;
    this.#secure = secure;
    this.#parser = new ReplyParser(limits);
    this.inbox = new Inbox(
      { pause: () => this.#flow('pause'), resume: () => this.#flow('resume') },
      { maxItems: MAX_QUEUED_ITEMS, maxOctets: limits.maxReplyBytes },
    );
    this.#attach(socket);
    // openTcp hands the socket over paused; reading starts now that someone listens.
    socket.resume();
  }

  get secure(): boolean {
    return this.#secure;
  }

  get closedByClient(): boolean {
    return this.#closedByClient;
  }

  /**
   * When set, parsed items are dropped rather than queued (they stay in the transcript).
   * Reading stops after {@link DISCARD_OCTETS}: a server that streams while we wait for its
   * close is not read at loopback speed for the whole wait.
   */
  set discarding(on: boolean) {
    this.#discarding = on;
    this.#discarded = 0;
    if (on) {
      this.inbox.drain();
      // What was left of a read is parsed and dropped too (the transcript has it).
      const pending = this.#pending;
      this.#pending = undefined;
      if (pending !== undefined) {
        this.#feed(pending);
        if (!this.#upgrading) this.#socket.resume();
      }
    } else if (this.#discardPaused) {
      this.#discardPaused = false;
      this.#flow('resume');
    }
  }

  /** Calls `watcher` with every inbound chunk until the returned function is called. */
  watchData(watcher: (chunk: Buffer) => void): () => void {
    this.#dataWatchers.add(watcher);
    return () => this.#dataWatchers.delete(watcher);
  }

  /** Calls `watcher` once the inbound side ends, until the returned function is called. */
  watchEnd(watcher: () => void): () => void {
    this.#endWatchers.add(watcher);
    return () => this.#endWatchers.delete(watcher);
  }

  /**
   * Writes `data` as one socket write, recorded as one `C` event. Rejects when the write
   * fails or the socket does not take it within `timeoutMs` (the server stopped reading);
   * a stalled write leaves the stream in an unknown state, so it fails the session.
   */
  write(data: Buffer, timeoutMs: number): Promise<void> {
    this.transcript.client(data);
    let settled = false;
    let done: (err?: Error | null) => void = () => {};
    const taken = this.#socket.write(data, (err) => done(err));
    // Below the high-water mark the socket has taken the octets: nothing to wait for (a
    // failure still ends the session through the write callback and the 'error' event).
    if (taken) {
      done = (err) => {
        if (err) this.#onError(err as NodeJS.ErrnoException);
      };
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        const err = new TimeoutError(`progress writing ${data.length} octets`, timeoutMs);
        this.fail(err, true);
        reject(err);
      }, timeoutMs);
      done = (err) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        if (!err) return resolve();
        this.#onError(err as NodeJS.ErrnoException);
        reject(this.inbox.endError(`the write of ${data.length} octets completed`));
      };
    });
  }

  /**
   * Fails the session: records the error, ends the inbound side and destroys the socket.
   * `reported`: the caller hands `error` to its own caller, so later calls get a state error.
   */
  fail(error: SmtpHarnessError, reported = false): void {
    if (this.inbox.end) return;
    recordError(this.transcript, error);
    this.inbox.finish({ kind: 'failed', error });
    if (reported) this.inbox.markReported();
    this.#recordClose('client');
    this.#socket.destroy();
    this.#notifyEnd();
  }

  /**
   * Upgrades the connection in place (RFC 3207 §4): stops reading plaintext, collects what
   * was received but not read (RFC 3207 §4.2: it must not be trusted after TLS), then
   * runs the handshake on the same socket and records a `tls` event.
   */
  async upgrade(
    host: string,
    options: ConnectionOptions,
    timeoutMs: number,
  ): Promise<{ tls: TlsDetails; leftover: Buffer }> {
    const plain = this.#socket;
    this.#upgrading = true;
    plain.pause();
    this.#detach(plain);
    const leftover = this.#takeUnread(plain);
    if (leftover.length > 0) {
      // RFC 3207 §4.2: the client MUST discard knowledge obtained from the server before
      // TLS; bytes here were sent in plaintext after the 220 (response injection).
      this.transcript.note(
        `${leftover.length} octet(s) received after the STARTTLS reply and before the TLS ` +
          'handshake were discarded (RFC 3207 §4.2)',
      );
    }
    try {
      const secure = await handshake(plain, host, options, timeoutMs);
      const tls = tlsDetailsOf(secure);
      this.transcript.tls(tls);
      this.#socket = secure;
      this.#secure = true;
      this.#parser = new ReplyParser(this.#limits);
      this.#attach(secure);
      return { tls, leftover };
    } catch (err) {
      this.fail(err as SmtpHarnessError, true);
      throw err;
    } finally {
      this.#upgrading = false;
    }
  }

  /** Queued items, the parser's partial reply and socket-buffered bytes, in stream order. */
  #takeUnread(socket: Socket): Buffer {
    const parts: Buffer[] = [];
    for (const item of this.inbox.drain()) {
      parts.push(item.kind === 'reply' ? item.reply.raw : item.line);
    }
    parts.push(this.#parser.takeRemainder());
    if (this.#pending !== undefined) parts.push(this.#pending);
    this.#pending = undefined;
    for (let chunk = socket.read(); chunk !== null; chunk = socket.read()) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'latin1');
      this.#recordServer(bytes);
      parts.push(bytes);
    }
    return Buffer.concat(parts);
  }

  /** Ends the session from our side; idempotent. Waits briefly for the socket to close. */
  async close(): Promise<void> {
    if (this.#closedByClient) return;
    this.#closedByClient = true;
    this.discarding = true;
    if (!this.inbox.end) {
      this.#recordClose('client');
      this.inbox.finish({ kind: 'failed', error: new SessionStateError('session closed') });
      this.inbox.markReported();
      this.#notifyEnd();
    }
    if (this.#socketClosed) return;
    const closed = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#socket.destroy();
        resolve();
      }, CLOSE_GRACE_MS);
      this.#socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.#socket.resume();
    this.#socket.end();
    await closed;
  }

  #flow(action: 'pause' | 'resume'): void {
    // During an upgrade the plaintext socket must stay paused: bytes read now would be lost.
    if (this.#upgrading) return;
    if (action === 'pause') return void this.#socket.pause();
    // Room again: what was left of the last read comes first; the socket only after it.
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending !== undefined) this.#feed(pending);
    if (this.#pending === undefined) this.#socket.resume();
  }

  /**
   * Parses `chunk` a slice at a time into the inbox; once the inbox is full the rest waits
   * in {@link #pending} and reading pauses. `all`: parse everything (the connection ended).
   */
  #feed(chunk: Buffer, all = false): void {
    for (let off = 0; off < chunk.length; off += FEED_SLICE) {
      if (!all && !this.#discarding && this.inbox.full) {
        // A copy: the chunk is a view of the shared read buffer (open.ts).
        this.#pending = Buffer.from(chunk.subarray(off));
        this.#socket.pause();
        return;
      }
      for (const event of this.#parser.push(chunk.subarray(off, off + FEED_SLICE))) {
        if (event.kind === 'overflow') {
          this.fail(new ReplyOverflowError(event.what, event.limit));
          return;
        }
        if (!this.#discarding) this.inbox.push(event);
      }
    }
  }

  /** The connection ended: what was left unparsed is parsed now (at most one read). */
  #flushPending(): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending !== undefined && !this.inbox.end) this.#feed(pending, true);
  }

  /**
   * Records inbound octets up to {@link MAX_SERVER_TRANSCRIPT_OCTETS} and
   * {@link MAX_SERVER_TRANSCRIPT_LINES} per session; past either they are counted, and the
   * transcript says how many were not kept (at the cap and at the close).
   */
  #recordServer(chunk: Buffer): void {
    this.#serverOctets += chunk.length;
    if (this.#serverCapped) return;
    let keep = Math.min(chunk.length, MAX_SERVER_TRANSCRIPT_OCTETS - this.#serverKept);
    for (let lf = chunk.indexOf(0x0a); lf !== -1 && lf < keep; lf = chunk.indexOf(0x0a, lf + 1)) {
      this.#serverLines += 1;
      if (this.#serverLines >= MAX_SERVER_TRANSCRIPT_LINES) keep = lf + 1;
    }
    // The transcript copies what it keeps: the chunk is a view of the shared read buffer.
    if (keep > 0) this.transcript.server(keep === chunk.length ? chunk : chunk.subarray(0, keep));
    this.#serverKept += keep;
    if (keep === chunk.length) return;
    this.#serverCapped = true;
    this.transcript.note(
      `the server sent more than ${this.#serverKept} octets (${this.#serverLines} lines): the rest is read and counted, not kept`,
    );
  }

  /** The closing note of a session whose server data went past the transcript cap. */
  #noteUnkept(): void {
    const unkept = this.#serverOctets - this.#serverKept;
    if (unkept > 0)
      this.transcript.note(
        `the server sent ${this.#serverOctets} octets in all; ${unkept} of them were not kept`,
      );
  }

  readonly #onData = (chunk: Buffer): void => {
    this.#recordServer(chunk);
    if (this.#closedByClient) {
      // Nothing is read any more: only wait for the server's close, not for its stream.
      this.#drained += chunk.length;
      if (this.#drained > CLOSE_DRAIN_OCTETS) this.#socket.destroy();
      return;
    }
    for (const watcher of this.#dataWatchers) watcher(chunk);
    if (this.inbox.end) return;
    // Before parsing: a chunk that completes a reply hands it over; one that does not is
    // progress, which extends a wait that allows it (Inbox.take's `maxMs`).
    if (!this.#discarding) this.inbox.progress();
    if (this.#pending !== undefined) {
      // Reading was paused with a read left over; a read still in flight joins it.
      this.#pending = Buffer.concat([this.#pending, chunk]);
      return;
    }
    this.#feed(chunk);
    if (!this.#discarding) return;
    this.#discarded += chunk.length;
    if (this.#discarded > DISCARD_OCTETS && !this.#discardPaused) {
      this.#discardPaused = true;
      this.#flow('pause');
    }
  };

  readonly #onEnd = (): void => {
    this.#flushPending();
    this.#recordClose('server');
    this.inbox.finish({ kind: 'closed' });
    this.#notifyEnd();
  };

  readonly #onError = (err: NodeJS.ErrnoException): void => {
    if (this.inbox.end) return;
    const code = err.code ?? '';
    if (code === 'ERR_STREAM_WRITE_AFTER_END' || code === 'ERR_STREAM_DESTROYED') {
      this.fail(new ConnectionClosedError('the connection is already closed'));
      return;
    }
    if (RESET_CODES.has(code) || !this.#secure) {
      this.#recordClose('reset');
      this.inbox.finish({ kind: 'reset', detail: code || err.message });
      this.#socket.destroy();
      this.#notifyEnd();
      return;
    }
    this.fail(new TlsError(`TLS layer failed: ${describeTlsError(err)}`, { cause: err }));
  };

  readonly #onClose = (): void => {
    this.#socketClosed = true;
    if (this.inbox.end) return;
    this.#flushPending();
    this.#recordClose('server');
    this.inbox.finish({ kind: 'closed' });
    this.#notifyEnd();
  };

  #attach(socket: Socket): void {
    socket.on('data', this.#onData);
    socket.on('end', this.#onEnd);
    socket.on('error', this.#onError);
    socket.on('close', this.#onClose);
  }

  #detach(socket: Socket): void {
    socket.off('data', this.#onData);
    socket.off('end', this.#onEnd);
    socket.off('error', this.#onError);
    socket.off('close', this.#onClose);
  }

  #recordClose(by: 'client' | 'server' | 'reset'): void {
    if (this.#closeRecorded) return;
    this.#closeRecorded = true;
    this.#noteUnkept();
    this.transcript.close(by);
  }

  #notifyEnd(): void {
    for (const watcher of [...this.#endWatchers]) watcher();
  }
}
