/**
 * One connection of the harness acting as an SMTP server: reads what the peer (an MTA
 * relaying, or a client under test) sends, byte-exact, and answers as its script says.
 *
 * Built on the shared wire codec: command lines are framed by `LineFramer` in lenient
 * mode (so a bare LF still ends a line and is recorded, RFC 5321 §2.3.8), parsed by
 * `parseCommand`, mail data decoded by `DotUnstuffDecoder` (only CRLF.CRLF ends it; bare
 * CR/LF and look-alikes are reported), replies formatted by `formatReply`. Nothing the
 * peer sends is normalised. Every buffer is capped and every wait has a timeout.
 */
import type { Socket } from 'node:net';
import { type SecureContext, TLSSocket } from 'node:tls';
import { describeError } from '../errors.ts';
import { Transcript } from '../transcript/transcript.ts';
import { parseCommand } from '../wire/command.ts';
import type { DataEvent } from '../wire/data-events.ts';
import { DotUnstuffDecoder } from '../wire/dot-unstuff-decoder.ts';
import { parseEhloReply } from '../wire/ehlo.ts';
import { type FramedLine, LineFramer } from '../wire/lines.ts';
import { formatReply, parseReplies } from '../wire/reply.ts';
import type {
  ReceivedCommand,
  ReceivedData,
  ServerReply,
  SessionEnd,
  SessionRecord,
  SessionScript,
  SessionView,
  TransactionView,
} from './types.ts';

/** Limits and options of one session. */
export interface ServerSessionOptions {
  /** Number of the connection on its listener. */
  id: number;
  /** Longest wait for input; then `421` and close (default 60 000 ms). */
  idleTimeoutMs?: number;
  /** Cap on the stored content of one message (default 10 MiB). */
  maxDataSize?: number;
  /** Command lines per session; beyond: `421` and close (default 1000). */
  maxCommands?: number;
  /** A `220` to STARTTLS starts TLS with this context (RFC 3207); without it, no TLS. */
  secureContext?: SecureContext;
  /** Pause between the octets of a byte-by-byte reply (default 2 ms). */
  bytePauseMs?: number;
  /** Printed in the transcript header. */
  label?: string;
}

const DEFAULT_IDLE_MS = 60_000;
const DEFAULT_MAX_DATA = 10 * 1024 * 1024;
const DEFAULT_MAX_COMMANDS = 1000;
/** Longest command line framed whole (RFC 5321 §4.5.3.1.4 allows 512; generous for diagnosis). */
const MAX_LINE = 4096;
/** Octets buffered ahead of the session's processing before it gives up. */
const MAX_INPUT = 16 * 1024 * 1024;
const MAX_DATA_EVENTS = 100;
const TLS_HANDSHAKE_MS = 10_000;

const CRLF = Buffer.from('\r\n', 'latin1');
const LF = Buffer.from('\n', 'latin1');

type Next = FramedLine | 'end' | 'timeout';

/** Runs one connection; `done` resolves with the record when it has ended. */
export class ServerSession {
  readonly record: SessionRecord;
  readonly done: Promise<SessionRecord>;
  #socket: Socket;
  readonly #script: SessionScript;
  readonly #options: Required<Omit<ServerSessionOptions, 'secureContext' | 'label'>>;
  readonly #secureContext: SecureContext | undefined;
  readonly #framer = new LineFramer({ maxLineLength: MAX_LINE, mode: 'lenient' });
  readonly #lines: FramedLine[] = [];
  #input: Buffer[] = [];
  #inputBytes = 0;
  #peerEnded = false;
  #closed = false;
  #wake: (() => void) | undefined;
  /** Input was waiting when the last reply went out: the next line was pipelined. */
  #ahead = false;
  #commands = 0;
  #hello: 'EHLO' | 'HELO' | undefined;
  #transaction: TransactionView | undefined;
  #tls = false;
  #resolveDone!: (record: SessionRecord) => void;

  constructor(socket: Socket, script: SessionScript, options: ServerSessionOptions) {
    this.#socket = socket;
    this.#script = script;
    this.#secureContext = options.secureContext;
    this.#options = {
      id: options.id,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_MS,
      maxDataSize: options.maxDataSize ?? DEFAULT_MAX_DATA,
      maxCommands: options.maxCommands ?? DEFAULT_MAX_COMMANDS,
      bytePauseMs: options.bytePauseMs ?? 2,
    };
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    const transcript = new Transcript({ label: options.label ?? `session ${options.id}` });
    transcript.connect(remote);
    this.record = {
      id: options.id,
      remote,
      startedAt: transcript.startedAt,
      entries: [],
      transcript,
    };
    this.done = new Promise((resolve) => {
      this.#resolveDone = resolve;
    });
    this.#attach(socket);
  }

  /** Runs the session to its end; never throws. */
  async run(): Promise<SessionRecord> {
    try {
      const greeting = await this.#script.greeting(this.#view());
      this.record.greetingCode = greeting.code;
      if (await this.#send(greeting)) await this.#loop();
    } catch (err) {
      this.record.transcript.note(`server session error: ${describeError(err)}`);
      this.#end('server');
    }
    this.#end(this.#peerEnded ? 'client' : 'server');
    return this.record;
  }

  /** Ends the session now (the listener stops): no reply, the connection is closed. */
  close(): void {
    this.#end('server');
  }

  #view(): SessionView {
    return {
      record: this.record,
      hello: this.#hello,
      transaction: this.#transaction,
      tls: this.#tls,
    };
  }

  async #loop(): Promise<void> {
    while (!this.#closed) {
      const next = await this.#nextLine();
      if (next === 'end') return;
      if (next === 'timeout') {
        // RFC 5321 §4.5.3.2.7: a server may close an idle session; §3.8: with 421 first.
        await this.#send({ code: 421, enhanced: '4.4.2', text: 'idle timeout', close: true });
        this.#end('timeout');
        return;
      }
      if (++this.#commands > this.#options.maxCommands) {
        await this.#send({ code: 421, enhanced: '4.7.0', text: 'too many commands', close: true });
        this.#end('limit');
        return;
      }
      const command = this.#received(next);
      this.record.entries.push({ kind: 'command', command });
      const reply = await this.#script.command(command, this.#view());
      command.replyCode = reply.code;
      if (!(await this.#send(reply))) return;
      this.#afterReply(command, reply);
      if (this.#closed) return;
      if (command.command?.verb === 'DATA' && reply.code === 354) await this.#readData();
      else if (command.command?.verb === 'STARTTLS' && reply.code === 220) await this.#startTls();
    }
  }

  #received(line: FramedLine): ReceivedCommand {
    const pipelined = this.#ahead;
    this.#ahead = false;
    const base = { index: this.#commands - 1, pipelined, at: this.record.transcript.elapsed() };
    if (line.kind === 'overflow') {
      const head = line.phase === 'start' ? line.head : Buffer.alloc(0);
      const error = `line longer than ${MAX_LINE} octets`;
      return {
        ...base,
        line: head,
        end: 'overflow',
        issues: [],
        command: undefined,
        syntaxError: error,
      };
    }
    const parsed = parseCommand(line.bytes, { smtputf8: true });
    return {
      ...base,
      line: Buffer.from(line.bytes),
      end: line.end,
      issues: line.issues,
      command: parsed.ok ? parsed.command : undefined,
      ...(parsed.ok ? {} : { syntaxError: parsed.error.message }),
    };
  }

  /** The session state the reply just set (RFC 5321 §4.1.4 and §3.3). */
  #afterReply(received: ReceivedCommand, reply: ServerReply): void {
    const command = received.command;
    if (reply.close === true || reply.code === 221) {
      this.#end('server');
      return;
    }
    if (command === undefined) return;
    // RFC 5321 §4.2.1: the first digit says success, whatever code a script chose.
    const ok = reply.code >= 200 && reply.code < 300;
    switch (command.verb) {
      case 'EHLO':
      case 'HELO':
        if (!ok) return;
        this.#hello = command.verb;
        this.#transaction = undefined;
        this.record.offered = command.verb === 'EHLO' ? offeredBy(reply) : new Set();
        return;
      case 'MAIL':
        if (ok) this.#transaction = { reversePath: command.reversePath.raw, recipients: [] };
        return;
      case 'RCPT':
        this.#transaction?.recipients.push({
          path: command.forwardPath.raw,
          accepted: ok,
        });
        return;
      case 'RSET':
        if (ok) this.#transaction = undefined;
        return;
      default:
        return;
    }
  }

  /** Mail data after a 354, up to CRLF.CRLF (RFC 5321 §4.1.1.4), then its reply. */
  async #readData(): Promise<void> {
    const beforeGo = this.#ahead;
    this.#ahead = false;
    const decoder = new DotUnstuffDecoder({ maxSize: this.#options.maxDataSize });
    // Lines framed before the 354 went out were data, not commands: give their octets back.
    const carried: Buffer[] = [];
    for (const line of this.#lines.splice(0)) {
      if (line.kind === 'line') carried.push(line.bytes, line.end === 'CRLF' ? CRLF : LF);
    }
    carried.push(this.#framer.takeRemainder());
    this.#input = [...carried.filter((b) => b.length > 0), ...this.#input];
    const content: Buffer[] = [];
    const events: DataEvent[] = [];
    let unterminated = false;
    for (;;) {
      const chunk = this.#input.shift();
      if (chunk === undefined) {
        if (this.#peerEnded || this.#closed) {
          unterminated = true;
          break;
        }
        if (!(await this.#waitInput())) {
          unterminated = true;
          break;
        }
        continue;
      }
      this.#inputBytes -= chunk.length;
      const step = decoder.push(chunk);
      content.push(...step.data.map((b) => Buffer.from(b)));
      for (const e of step.events) if (events.length < MAX_DATA_EVENTS) events.push(e);
      if (step.done) {
        if (step.remainder && step.remainder.length > 0) {
          this.#input.unshift(step.remainder);
          this.#inputBytes += step.remainder.length;
        }
        break;
      }
    }
    const data: ReceivedData = {
      content: Buffer.concat(content),
      sizeExceeded: decoder.sizeExceeded,
      events,
      beforeGo,
      unterminated,
      at: this.record.transcript.elapsed(),
    };
    this.record.entries.push({ kind: 'data', data });
    if (unterminated) return;
    const reply = await this.#script.data(data, this.#view());
    data.replyCode = reply.code;
    // RFC 5321 §4.1.1.4: the end of data closes the transaction whatever the reply.
    this.#transaction = undefined;
    if (await this.#send(reply)) this.#afterReply(dataLine(), reply);
  }

  /** RFC 3207 §4.2: plaintext sent after STARTTLS and before the handshake is discarded. */
  async #startTls(): Promise<void> {
    const context = this.#secureContext;
    if (context === undefined) return;
    const socket = this.#socket;
    socket.pause();
    this.#detach(socket);
    const pending = [
      ...this.#lines.splice(0).flatMap((l) => (l.kind === 'line' ? [l.bytes, CRLF] : [])),
      this.#framer.takeRemainder(),
      ...this.#input.splice(0),
    ].filter((b) => b.length > 0);
    this.#inputBytes = 0;
    this.#ahead = false;
    const at = this.record.transcript.elapsed();
    if (pending.length > 0) {
      this.record.entries.push({ kind: 'discarded', bytes: Buffer.concat(pending), at });
    }
    const secure = new TLSSocket(socket, { isServer: true, secureContext: context });
    const ok = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), TLS_HANDSHAKE_MS);
      secure.once('secure', () => {
        clearTimeout(timer);
        resolve(true);
      });
      secure.once('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (!ok) {
      this.record.transcript.note('TLS handshake failed');
      secure.destroy();
      this.#end('reset');
      return;
    }
    this.#socket = secure;
    this.#attach(secure);
    this.#tls = true;
    // RFC 3207 §4.2: the session starts over; the client must greet again.
    this.#hello = undefined;
    this.#transaction = undefined;
    this.record.offered = undefined;
    this.record.entries.push({ kind: 'tls', at: this.record.transcript.elapsed() });
    this.record.transcript.note(`tls ${secure.getProtocol() ?? 'unknown'} (server side)`);
  }

  async #nextLine(): Promise<Next> {
    for (;;) {
      const line = this.#lines.shift();
      if (line !== undefined) return line;
      const chunk = this.#input.shift();
      if (chunk !== undefined) {
        this.#inputBytes -= chunk.length;
        this.#lines.push(...this.#framer.push(chunk).filter(isWholeOrStart));
        continue;
      }
      if (this.#peerEnded || this.#closed) return 'end';
      if (!(await this.#waitInput())) return this.#peerEnded || this.#closed ? 'end' : 'timeout';
    }
  }

  /** Resolves true when input (or the end) arrives, false after the idle timeout. */
  #waitInput(): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = undefined;
        resolve(false);
      }, this.#options.idleTimeoutMs);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve(!this.#closed || this.#input.length > 0);
      };
    });
  }

  /** Sends one reply; false when the connection is gone. */
  async #send(reply: ServerReply): Promise<boolean> {
    if (this.#closed) return false;
    const bytes =
      reply.raw !== undefined
        ? Buffer.from(reply.raw, 'latin1')
        : formatReply(reply.code, reply.text ?? 'OK', reply.enhanced);
    if (reply.delayMs !== undefined && reply.delayMs > 0) await this.#sleep(reply.delayMs);
    if (this.#closed) return false;
    // Whatever arrived by now was sent before this reply could be read.
    if (this.#hasUnread()) this.#ahead = true;
    if (reply.cutAfter !== undefined) {
      this.#write(bytes.subarray(0, reply.cutAfter));
      this.#end('server');
      return false;
    }
    if (reply.byteByByte === true) {
      for (const octet of bytes) {
        if (this.#closed) return false;
        this.#write(Buffer.from([octet]));
        await this.#sleep(this.#options.bytePauseMs);
      }
    } else {
      this.#write(bytes);
    }
    if (reply.close === true) this.#end('server');
    return !this.#closed;
  }

  #hasUnread(): boolean {
    return this.#lines.length > 0 || this.#input.length > 0 || this.#framer.pending > 0;
  }

  #write(bytes: Buffer): void {
    if (bytes.length === 0 || this.#socket.destroyed) return;
    this.record.transcript.server(bytes);
    this.#socket.write(bytes);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #end(by: SessionEnd['by']): void {
    if (this.record.end === undefined) {
      this.record.end = { by, at: this.record.transcript.elapsed() };
      this.record.transcript.close(
        by === 'client' ? 'client' : by === 'reset' ? 'reset' : 'server',
      );
    }
    if (!this.#closed) {
      this.#closed = true;
      if (by === 'reset') this.#socket.destroy();
      else this.#socket.end();
      const socket = this.#socket;
      setTimeout(() => socket.destroy(), 2000).unref();
    }
    this.#wake?.();
    this.#resolveDone(this.record);
  }

  readonly #onData = (chunk: Buffer): void => {
    this.record.transcript.client(chunk);
    this.#input.push(chunk);
    this.#inputBytes += chunk.length;
    if (this.#inputBytes > MAX_INPUT) {
      this.record.transcript.note(`more than ${MAX_INPUT} octets unread: closing`);
      this.#end('limit');
    }
    this.#wake?.();
  };

  readonly #onEnd = (): void => {
    this.#peerEnded = true;
    this.#wake?.();
  };

  readonly #onClose = (hadError: boolean): void => {
    if (hadError && this.record.end === undefined) this.#end('reset');
    this.#peerEnded = true;
    this.#wake?.();
  };

  #attach(socket: Socket): void {
    socket.on('data', this.#onData);
    socket.on('end', this.#onEnd);
    socket.on('close', this.#onClose);
    socket.on('error', () => {});
  }

  #detach(socket: Socket): void {
    socket.off('data', this.#onData);
    socket.off('end', this.#onEnd);
    socket.off('close', this.#onClose);
  }
}

/** The overflow `end` marker adds nothing the `start` did not say. */
function isWholeOrStart(line: FramedLine): boolean {
  return line.kind === 'line' || line.phase === 'start';
}

/** A stand-in for "the end of data" when applying its reply to the session state. */
function dataLine(): ReceivedCommand {
  return {
    index: -1,
    line: Buffer.alloc(0),
    end: 'CRLF',
    issues: [],
    command: undefined,
    pipelined: false,
    at: 0,
  };
}

/** EHLO keywords of a 250 reply we sent (RFC 5321 §4.1.1.1), upper case. */
function offeredBy(reply: ServerReply): Set<string> {
  const bytes =
    reply.raw !== undefined
      ? Buffer.from(reply.raw, 'latin1')
      : formatReply(reply.code, reply.text ?? 'OK', reply.enhanced);
  const first = parseReplies(bytes).find((e) => e.kind === 'reply');
  if (first?.kind !== 'reply') return new Set();
  return new Set(parseEhloReply(first.reply).keywords.keys());
}
