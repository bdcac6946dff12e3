/**
 * The byte-exact scripted SMTP client the runner and the fuzzer drive. It sends exactly
 * what it is told, reads replies with the shared wire codec, and records every byte.
 */
import type { Socket } from 'node:net';
import { pipeline, Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, ERROR_CODES, SmtpHarnessError } from '../errors.ts';
import type { TlsDetails } from '../transcript/events.ts';
import { Transcript } from '../transcript/transcript.ts';
import { DotStuffer, dotStuff } from '../wire/dot-stuffing.ts';
import type { Reply } from '../wire/reply.ts';
import { ConnectionClosedError, MalformedReplyError, SessionStateError } from './errors.ts';
import { Link } from './link.ts';
import { handshake, openTcp, tlsDetailsOf } from './open.ts';
import {
  type ClientOptions,
  checkMs,
  formatAddress,
  type ResolvedClientOptions,
  resolveClientOptions,
} from './options.ts';
import { recordError } from './record.ts';
import { verbOf } from './verb.ts';
import { endsWithin, waitForClose, waitForSilence } from './waits.ts';

/** TLS parameters of the session, as recorded in the transcript's `tls` event. */
export type TlsInfo = TlsDetails;

export interface ReadOptions {
  /** Default: the session's `replyTimeoutMs`. */
  timeoutMs?: number;
  /** What is awaited, for messages: `greeting`, `reply to RCPT`. Default `reply`. */
  what?: string;
  /**
   * The longest a reply may take while its bytes keep arriving: `timeoutMs` bounds each
   * silence between inbound chunks, and this the whole wait. Servers slow their replies
   * down on purpose (Postfix's `smtpd_error_sleep_time` sleeps before each line), and a
   * reply dribbled a few octets a second is slow, not absent. Default
   * {@link defaultProgressMaxMs} of `timeoutMs`; equal to `timeoutMs`, a fixed deadline.
   */
  progressMaxMs?: number;
}

/**
 * Outcome of {@link SmtpClientSession.startTls}. `tls` is undefined when the server did
 * not answer 220 (no handshake was tried; the session stays plaintext and usable).
 * `injected` holds plaintext that arrived after the 220 and before the handshake: it was
 * discarded, and a non-empty value is a finding (RFC 3207 §4.2).
 */
export interface StartTlsResult {
  reply: Reply;
  tls: TlsInfo | undefined;
  injected: Buffer;
}

const CRLF = Buffer.from('\r\n', 'latin1');

/** The cap on a whole reply whose bytes keep arriving, whatever the silence timeout. */
export const SLOW_REPLY_MIN_MS = 30_000;

/**
 * The default cap on a reply that keeps arriving: ten times the silence timeout, and at
 * least {@link SLOW_REPLY_MIN_MS} (a ten-line EHLO reply behind a one-second tarpit).
 */
export function defaultProgressMaxMs(timeoutMs: number): number {
  return Math.max(SLOW_REPLY_MIN_MS, 10 * timeoutMs);
}

/**
 * One SMTP session over TCP (IPv4/IPv6), implicit TLS, or STARTTLS upgraded in place, with
 * one transcript throughout. Every wait has a timeout and ends in a typed error with a
 * stable `code`; replies that parse but break the grammar are returned with `violations`
 * for the caller to judge. After a fatal failure (reset, overflow, TLS error) the failure
 * is reported once, and every later call rejects with `SMTPSPEC_ERR_STATE`.
 */
export class SmtpClientSession {
  readonly transcript: Transcript;
  /** `host:port` as connected, IPv6 in brackets. */
  readonly address: string;
  readonly #options: ResolvedClientOptions;
  readonly #link: Link;
  #tls: TlsInfo | undefined;

  private constructor(options: ResolvedClientOptions, link: Link, tls: TlsInfo | undefined) {
    this.#options = options;
    this.#link = link;
    this.transcript = link.transcript;
    this.address = formatAddress(options.host, options.port);
    this.#tls = tls;
  }

  /** Connects (and for `tls: 'implicit'` runs the handshake); the greeting is not read yet. */
  static async connect(options: ClientOptions): Promise<SmtpClientSession> {
    const resolved = resolveClientOptions(options);
    const { host, port, connectTimeoutMs } = resolved;
    const address = formatAddress(host, port);
    const transcript = options.transcript ?? new Transcript({ label: options.label });
    transcript.target ??= address;
    let connected = false;
    try {
      let socket: Socket = await openTcp(host, port, address, connectTimeoutMs);
      // Each write must leave as its own segment: split writes are what some cases test.
      socket.setNoDelay(true);
      transcript.connect(address);
      connected = true;
      let tls: TlsInfo | undefined;
      if (resolved.tls === 'implicit') {
        const secure = await handshake(socket, host, resolved.tlsOptions, connectTimeoutMs);
        tls = tlsDetailsOf(secure);
        transcript.tls(tls);
        socket = secure;
      }
      const link = new Link(socket, tls !== undefined, transcript, resolved.limits);
      return new SmtpClientSession(resolved, link, tls);
    } catch (err) {
      recordError(transcript, err);
      // A failed implicit-TLS handshake destroyed the connected socket.
      if (connected) transcript.close('client');
      throw err;
    }
  }

  /** The TLS parameters once TLS is up (implicit or after STARTTLS). */
  get tls(): TlsInfo | undefined {
    return this.#tls;
  }

  /** True once either side closed the connection, it was reset, or the session failed. */
  get isClosed(): boolean {
    return this.#link.closedByClient || this.#link.inbox.end !== undefined;
  }

  /**
   * Reads the next reply (the greeting too). Replies that arrived earlier are queued and
   * come first. Rejects with TIMEOUT, CLOSED, RESET, MALFORMED_REPLY (a line that is no
   * reply at all; the next call reads on), LINE_TOO_LONG or REPLY_TOO_LARGE.
   */
  async readReply(options: ReadOptions = {}): Promise<Reply> {
    const what = options.what ?? 'reply';
    const timeoutMs = checkMs(options.timeoutMs ?? this.#options.replyTimeoutMs, 'timeoutMs');
    this.#checkOpen(`wait for the ${what}`);
    const maxMs = checkMs(
      options.progressMaxMs ?? defaultProgressMaxMs(timeoutMs),
      'progressMaxMs',
    );
    const item = await this.#link.inbox.take(what, timeoutMs, maxMs).catch((err: unknown) => {
      recordError(this.transcript, err);
      throw err;
    });
    if (item.kind === 'reply') return item.reply;
    throw this.#recorded(new MalformedReplyError(what, item.line, item.reason));
  }

  /**
   * Sends one command line: the text (UTF-8 for a string, exact for a Buffer) plus CRLF,
   * in one write. A CR or LF inside the line is refused (`SMTPSPEC_ERR_COMMAND_SYNTAX`):
   * this is the conformant path; exact bytes go through {@link sendRaw}.
   */
  async sendLine(line: string | Buffer): Promise<void> {
    const bytes = typeof line === 'string' ? Buffer.from(line, 'utf8') : line;
    if (bytes.includes(0x0d) || bytes.includes(0x0a)) {
      throw new SmtpHarnessError(
        ERROR_CODES.commandSyntax,
        // RFC 5321 §2.3.8: CR and LF only appear together, as the end of the line.
        'a command line must not contain CR or LF; use sendRaw for exact bytes',
      );
    }
    await this.#send(Buffer.concat([bytes, CRLF]), verbOf(bytes));
  }

  /**
   * Sends exact bytes. An array is several TCP writes, `pauseMs` apart (default the
   * session's `partPauseMs`), each its own `C:` line in the transcript.
   */
  async sendRaw(data: Buffer | Buffer[], options: { pauseMs?: number } = {}): Promise<void> {
    const parts = Array.isArray(data) ? data : [data];
    if (parts.length === 0) throw new ConfigError('needs at least one part', 'data');
    const pauseMs = checkMs(options.pauseMs ?? this.#options.partPauseMs, 'pauseMs', 0);
    for (const [i, part] of parts.entries()) {
      // A pause of 0 still yields to the event loop once (setImmediate), not for a timer tick.
      if (i > 0) await (pauseMs > 0 ? sleep(pauseMs) : new Promise((r) => setImmediate(r)));
      await this.#send(part, `${part.length} raw octets`);
    }
  }

  /** Sends `line` and reads its reply (`what` defaults to `reply to <VERB>`). */
  async command(line: string | Buffer, options: ReadOptions = {}): Promise<Reply> {
    await this.sendLine(line);
    return this.readReply({ what: `reply to ${verbOf(line)}`, ...options });
  }

  /**
   * Sends every line in one write (RFC 2920 §3.1: the client may send a group of commands
   * without waiting), without reading; pair with {@link readReply} to keep partial results.
   */
  async sendPipelined(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) throw new ConfigError('needs at least one line', 'lines');
    const parts = lines.map((l) => Buffer.from(l, 'utf8'));
    if (parts.some((p) => p.includes(0x0d) || p.includes(0x0a))) {
      throw new SmtpHarnessError(
        ERROR_CODES.commandSyntax,
        'a pipelined line must not contain CR or LF; use sendRaw for exact bytes',
      );
    }
    const batch = Buffer.concat(parts.flatMap((p) => [p, CRLF]));
    await this.#send(batch, `${lines.length} pipelined commands`);
  }

  /** {@link sendPipelined}, then one reply per line, in order, each with the reply timeout. */
  async pipeline(lines: readonly string[], options: { timeoutMs?: number } = {}): Promise<Reply[]> {
    await this.sendPipelined(lines);
    const replies: Reply[] = [];
    for (const [i, line] of lines.entries()) {
      const what = `reply to ${verbOf(line)} (pipelined ${i + 1} of ${lines.length})`;
      replies.push(await this.readReply({ ...options, what }));
    }
    return replies;
  }

  /**
   * Sends message content after a 354: dot-stuffed, a CRLF added if missing, then ".CRLF"
   * (RFC 5321 §4.5.2, §4.1.1.4), in one write. Does not read the reply.
   */
  async sendMessage(content: Buffer): Promise<void> {
    await this.#send(dotStuff(content), `message content (${content.length} octets)`);
  }

  /**
   * {@link sendMessage} for content that arrives in pieces (a large message read from a
   * file): the pieces are dot-stuffed by the shared encoder and written as they come (what
   * is ready is written together), the terminator last, so the whole message is never in
   * memory. Each write waits for the socket to take it (the reply timeout bounds each).
   * Does not read the reply.
   */
  async sendMessageStream(content: AsyncIterable<Buffer>): Promise<void> {
    // One piece read ahead at most: memory stays a few pieces, whatever the message size.
    const source = Readable.from(content, { highWaterMark: 1 });
    const stuffed = pipeline(source, new DotStuffer(), () => {});
    try {
      for await (const piece of stuffed)
        await this.#send(piece as Buffer, `message content (${(piece as Buffer).length} octets)`);
    } finally {
      stuffed.destroy();
    }
  }

  /**
   * STARTTLS (RFC 3207 §4): sends the command, reads the reply and, on 220, runs the TLS
   * handshake on the same socket. The transcript continues across the upgrade.
   * `pipelined`: exact bytes sent in the same TCP write right after `STARTTLS\r\n`, to
   * probe plaintext command injection (CVE-2011-0411): a conformant server discards them.
   */
  async startTls(options: ReadOptions & { pipelined?: Buffer } = {}): Promise<StartTlsResult> {
    if (this.#link.secure) throw new SessionStateError('cannot start TLS: TLS is already active');
    const { pipelined, ...readOptions } = options;
    const reply =
      pipelined === undefined || pipelined.length === 0
        ? await this.command('STARTTLS', readOptions)
        : await this.#commandWithInjection(pipelined, readOptions);
    if (reply.code !== 220) return { reply, tls: undefined, injected: Buffer.alloc(0) };
    const { host, tlsOptions, connectTimeoutMs } = this.#options;
    const { tls, leftover } = await this.#link.upgrade(host, tlsOptions, connectTimeoutMs);
    this.#tls = tls;
    return { reply, tls, injected: leftover };
  }

  async #commandWithInjection(pipelined: Buffer, options: ReadOptions): Promise<Reply> {
    await this.sendRaw(Buffer.concat([Buffer.from('STARTTLS\r\n', 'latin1'), pipelined]));
    return this.readReply({ what: 'reply to STARTTLS', ...options });
  }

  /**
   * Resolves when the server closes the connection (`'server'`) or resets it (`'reset'`);
   * rejects with TIMEOUT otherwise. Replies arriving meanwhile, and unread ones, are
   * dropped (they stay in the transcript).
   */
  async expectClose(options: { timeoutMs?: number } = {}): Promise<'server' | 'reset'> {
    const timeoutMs = checkMs(options.timeoutMs ?? this.#options.replyTimeoutMs, 'timeoutMs');
    this.#checkOpen('wait for the server to close');
    return waitForClose(this.#link, timeoutMs);
  }

  /**
   * Resolves if the server sends nothing for `ms` milliseconds. Rejects at once with
   * UNEXPECTED_REPLY (carrying the bytes) if an unread reply is queued or bytes arrive, and
   * with CLOSED/RESET if the connection ends meanwhile. What arrived stays readable.
   */
  /**
   * Whether the server closes or resets the connection within `ms` (undefined when bytes
   * arrive first or the time runs out); reads nothing, so any reply stays readable.
   */
  async endsWithin(ms: number): Promise<'closed' | 'reset' | undefined> {
    checkMs(ms, 'ms');
    return endsWithin(this.#link, ms);
  }

  async expectNoReply(ms: number): Promise<void> {
    checkMs(ms, 'ms');
    this.#checkOpen('wait for silence');
    await waitForSilence(this.#link, ms);
  }

  /** Waits `ms` milliseconds without reading or writing (replies still queue up). */
  async pause(ms: number): Promise<void> {
    await sleep(checkMs(ms, 'ms', 0));
  }

  /** Closes the connection from our side; idempotent. Records `close by client` once. */
  async close(): Promise<void> {
    await this.#link.close();
  }

  #checkOpen(action: string): void {
    if (this.#link.closedByClient) {
      throw new SessionStateError(`cannot ${action}: the session is closed`);
    }
  }

  async #send(data: Buffer, what: string): Promise<void> {
    this.#checkOpen(`send ${what}`);
    const end = this.#link.inbox.end;
    if (end?.kind === 'closed') {
      throw this.#recorded(
        new ConnectionClosedError(`cannot send ${what}: the server closed the connection`),
      );
    }
    if (end) throw this.#recorded(this.#link.inbox.endError(`sending ${what}`));
    await this.#link.write(data, this.#options.replyTimeoutMs);
  }

  #recorded<E extends SmtpHarnessError>(err: E): E {
    recordError(this.transcript, err);
    return err;
  }
}
