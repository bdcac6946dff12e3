/**
 * A minimal byte-exact SMTP client for the reference server's own tests: raw writes,
 * replies read with the shared ReplyParser, STARTTLS in place. Every wait has a timeout;
 * the socket is destroyed when the test finishes (`onTestFinished`).
 */
import { connect, type Socket } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { onTestFinished } from 'vitest';
import { TimeoutError } from '../../harness/errors.ts';
import { type Reply, ReplyParser } from '../../harness/wire/reply.ts';

/** Default wait for a reply in tests: generous, so slow CI machines do not flake. */
export const REPLY_TIMEOUT_MS = 5000;

/** A connected test client. */
export class RawClient {
  #socket: Socket;
  #parser = new ReplyParser();
  #replies: Reply[] = [];
  #closed = false;
  #wake: (() => void) | undefined;
  /** Every octet received, for assertions on raw output. */
  received: Buffer[] = [];

  private constructor(socket: Socket) {
    this.#socket = socket;
    this.#listen(socket);
  }

  /** Connects to `host:port`; the socket is destroyed when the current test finishes. */
  static async connect(address: { host: string; port: number }): Promise<RawClient> {
    const socket = connect({ host: address.host, port: address.port });
    onTestFinished(() => {
      socket.destroy();
    });
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      }),
      REPLY_TIMEOUT_MS,
      'connect',
    );
    return new RawClient(socket);
  }

  /** True once the server closed the connection. */
  get isClosed(): boolean {
    return this.#closed;
  }

  #listen(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.received.push(chunk);
      for (const event of this.#parser.push(chunk)) {
        if (event.kind === 'reply') this.#replies.push(event.reply);
      }
      this.#wake?.();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wake?.();
    });
    socket.on('error', () => {});
  }

  /** Writes raw octets (latin1 string or Buffer) in one write. */
  write(bytes: string | Buffer): void {
    this.#socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Reads the next reply; rejects on timeout or when the server closed without one. */
  async reply(timeoutMs = REPLY_TIMEOUT_MS): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const next = this.#replies.shift();
      if (next) return next;
      if (this.#closed) throw new Error('connection closed while waiting for a reply');
      if (!(await this.#waitUntil(deadline))) throw new TimeoutError('reply', timeoutMs);
    }
  }

  /** Sends one command line (CRLF appended) and reads its reply. */
  async command(line: string, timeoutMs = REPLY_TIMEOUT_MS): Promise<Reply> {
    this.write(`${line}\r\n`);
    return this.reply(timeoutMs);
  }

  /** Resolves true when the server closes within `timeoutMs`, false otherwise. */
  async closedWithin(timeoutMs = REPLY_TIMEOUT_MS): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#closed) {
      if (!(await this.#waitUntil(deadline))) return false;
    }
    return true;
  }

  /** Replies already received and not yet read. */
  get pendingReplies(): number {
    return this.#replies.length;
  }

  /** Runs the TLS handshake in place (after a 220 to STARTTLS). */
  async startTls(): Promise<TLSSocket> {
    const plain = this.#socket;
    plain.removeAllListeners('data');
    const secure = tlsConnect({ socket: plain, rejectUnauthorized: false });
    onTestFinished(() => {
      secure.destroy();
    });
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        secure.once('secureConnect', resolve);
        secure.once('error', reject);
      }),
      REPLY_TIMEOUT_MS,
      'TLS handshake',
    );
    this.#socket = secure;
    this.#parser = new ReplyParser();
    this.#listen(secure);
    return secure;
  }

  /** Waits for an event; false once the deadline passed. */
  async #waitUntil(deadline: number): Promise<boolean> {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#wake = undefined;
    return Date.now() < deadline || this.#replies.length > 0 || this.#closed;
  }

  /** Ends the connection from our side. */
  end(): void {
    this.#socket.end();
  }
}

/** Rejects with TimeoutError when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
