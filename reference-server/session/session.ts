/**
 * One SMTP session (RFC 5321 §3, §4): reads command lines through the shared codec,
 * checks them in a fixed order (closing, early talker, sequence, syntax, policy) and
 * hands them to the verb handlers. Replies go out in command order, so pipelined
 * commands (RFC 2920) are answered exactly like sequential ones.
 */
import type { Socket } from 'node:net';
import { describeError } from '../../harness/errors.ts';
import { type Command, parseCommand, SMTP_LIMITS, type Verb } from '../../harness/wire/command.ts';
import { LineFramer } from '../../harness/wire/lines.ts';
import { formatReply } from '../../harness/wire/reply.ts';
import { childLogger, type Logger } from '../logger.ts';
import type { SessionInfo } from '../policy/hooks.ts';
import { randomHex } from '../random-id.ts';
import type { CommandOf, VerbHandler } from '../verbs/handler.ts';
import {
  type HeloInfo,
  inTransaction,
  type SessionContext,
  type SessionDeps,
  type SessionState,
  type Transaction,
} from './context.ts';
import { answerRefused, greet } from './greeting.ts';
import type { InputLine } from './input.ts';
import { SessionInput } from './input.ts';
import { REPLIES, type ReplySpec, safeText, syntaxErrorReply } from './replies.ts';
import type { LineDecision, ReplyOutput } from './test-seams.ts';
import { drainPlaintext, type ServerTls, upgradeToTls } from './tls-upgrade.ts';

/** RFC 4954 §4: SASL responses of up to 12288 octets, plus CRLF. */
const AUTH_LINE_LENGTH = 12288 + 2;
/** How long a closed session waits for the peer's FIN before dropping the connection. */
const LINGER_MS = 2000;

/** A session over one accepted connection. `run()` resolves when the session is over. */
export class SmtpSession implements SessionContext {
  readonly id = randomHex(4);
  readonly deps: SessionDeps;
  readonly input = new SessionInput();
  readonly authFramer = new LineFramer({ maxLineLength: AUTH_LINE_LENGTH, mode: 'strict' });
  readonly log: Logger['log'];
  state: SessionState = 'greeting';
  helo: HeloInfo | undefined;
  authenticatedAs: string | undefined;
  transaction: Transaction | undefined;
  /** Resolves when the connection is fully closed. */
  readonly closed: Promise<void>;
  readonly #framer = new LineFramer({ maxLineLength: SMTP_LIMITS.commandLine, mode: 'strict' });
  readonly #remote: { address: string; port: number };
  /** Test seam: set only when a test double takes over how replies reach the wire. */
  readonly #output: ReplyOutput | undefined;
  #socket: Socket;
  #tls = false;
  #errors = 0;
  #waitingForCommand = false;
  #shutdownRequested = false;

  constructor(socket: Socket, deps: SessionDeps) {
    this.deps = deps;
    this.#socket = socket;
    this.#remote = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    this.log = childLogger(deps.logger, { session: this.id }).log;
    this.#output = deps.seams.replyOutput?.();
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('error', (err) =>
      this.log('debug', 'session.socket-error', { error: describeError(err) }),
    );
    this.input.attach(socket);
  }

  get tls(): boolean {
    return this.#tls;
  }

  info(): SessionInfo {
    const { address, port } = this.#remote;
    return {
      id: this.id,
      remoteAddress: address,
      remotePort: port,
      helo: this.helo?.name,
      tls: this.#tls,
      authenticatedAs: this.authenticatedAs,
    };
  }

  /** Runs the session to its end; never rejects. */
  async run(): Promise<void> {
    this.log('info', 'session.open', { remote: this.#remote.address, port: this.#remote.port });
    try {
      await greet(this);
      while (this.state !== 'closing' && (await this.#outputDrained())) {
        if (this.#shutdownRequested && !inTransaction(this)) {
          this.closeWith(this.#shutdownReply());
          break;
        }
        this.#waitingForCommand = true;
        const line = await this.input.readLine(
          this.#framer,
          this.deps.config.limits.commandTimeoutMs,
        );
        this.#waitingForCommand = false;
        if (line === 'eof') break;
        if (line === 'timeout')
          this.closeWith({
            code: 421,
            enhanced: '4.4.2',
            text: `${this.deps.config.hostname} Timeout waiting for command`,
          });
        else if (line === 'interrupted') continue;
        else await this.#onLine(line);
      }
    } catch (err) {
      this.log('error', 'session.internal-error', { error: describeError(err) });
      this.closeWith({
        code: 421,
        enhanced: '4.3.0',
        text: `${this.deps.config.hostname} Internal error, closing connection`,
      });
    } finally {
      this.#end();
      this.#dropTransaction();
      this.log('info', 'session.close', { errors: this.#errors });
    }
  }

  /** Server shutdown: an idle session gets 421 now, a busy one after its transaction. */
  requestShutdown(): void {
    this.#shutdownRequested = true;
    if (this.#waitingForCommand && !inTransaction(this)) this.input.interrupt();
  }

  /** Grace period over: 421 and close whatever the session is doing (RFC 5321 §3.8). */
  forceClose(): void {
    this.closeWith(this.#shutdownReply());
    this.input.interrupt();
  }

  reply(spec: ReplySpec): void {
    if (this.state === 'closing') return;
    const text =
      typeof spec.text === 'string' ? safeText(spec.text) : spec.text.map((t) => safeText(t));
    this.sendRaw(
      formatReply(spec.code, text, spec.code >= 300 && spec.code < 400 ? undefined : spec.enhanced),
    );
    if (!(spec.countsAsError ?? spec.code >= 400) || spec.code === 421) return;
    this.#errors++;
    if (this.#errors >= this.deps.config.limits.maxErrors) {
      this.log('warn', 'session.error-limit', { errors: this.#errors });
      this.closeWith({
        code: 421,
        enhanced: '4.7.0',
        text: `${this.deps.config.hostname} Too many errors, closing connection`,
      });
    }
  }

  sendRaw(bytes: Buffer): void {
    if (!this.#socket.writable) return;
    if (this.#output === undefined) this.#socket.write(bytes);
    else
      this.#output.send(
        bytes,
        (octets) => void (this.#socket.writable && this.#socket.write(octets)),
      );
  }

  /** Test seam (`RunningReferenceServer.abort()`): the connection ends at once, unanswered. */
  destroy(): void {
    this.state = 'closing';
    this.#socket.destroy();
    this.input.interrupt();
  }

  closeWith(spec: ReplySpec): void {
    if (this.state === 'closing') return;
    this.reply({ ...spec, countsAsError: false });
    this.state = 'closing';
    this.#end();
  }

  resetTransaction(): void {
    this.#dropTransaction();
    if (inTransaction(this) || this.state === 'data') this.state = 'ready';
  }

  serverTls(): Promise<ServerTls> {
    return this.deps.tls();
  }

  async startTls(tls: ServerTls): Promise<void> {
    this.state = 'tls';
    // The 220 must be on the wire before the handshake takes the connection over.
    await this.#output?.idle();
    this.input.detach();
    // RFC 3207 §4.2: anything the client pipelined after STARTTLS is discarded, unread.
    const dropped = this.input.discardBuffered() + drainPlaintext(this.#socket);
    if (dropped > 0) this.log('warn', 'starttls.plaintext-discarded', { octets: dropped });
    try {
      this.#socket = await upgradeToTls(
        this.#socket,
        tls,
        this.deps.config.limits.tlsHandshakeTimeoutMs,
      );
    } catch (err) {
      this.log('info', 'starttls.failed', { error: describeError(err) });
      this.state = 'closing';
      return;
    }
    this.#tls = true;
    this.input.attach(this.#socket);
    // RFC 3207 §4.2: discard all knowledge obtained from the client before TLS; the
    // client must send EHLO again.
    this.helo = undefined;
    this.authenticatedAs = undefined;
    this.#dropTransaction();
    this.state = 'ready';
    this.log('info', 'starttls.done', {
      protocol: (this.#socket as { getProtocol?: () => string | null }).getProtocol?.() ?? null,
    });
  }

  async #onLine(line: InputLine): Promise<void> {
    if (line.kind === 'too-long') {
      // RFC 5321 §4.5.3.1.4: 500 and the session continues with the next line.
      this.log('info', 'command.too-long', { octets: line.dropped });
      return this.reply(REPLIES.lineTooLong);
    }
    const planted = this.deps.seams.commandLine?.(line.bytes);
    if (planted !== undefined) return this.#apply(planted);
    const parsed = parseCommand(line.bytes, { smtputf8: this.helo?.verb === 'EHLO' });
    const verb: Command['verb'] | undefined = parsed.ok ? parsed.command.verb : parsed.error.verb;
    this.log('debug', 'command', { verb: verb ?? 'UNPARSED' });
    if (this.state === 'refused') return answerRefused(this, verb);
    if (verb === undefined || verb === 'UNKNOWN') {
      // RFC 5321 §4.2.4 / §4.3.2: an unknown command gets 500.
      return this.reply(
        parsed.ok ? REPLIES.unrecognized : syntaxErrorReply(parsed.error, undefined),
      );
    }
    const handler = this.deps.verbs[verb] as VerbHandler<Verb>;
    const refused = handler.unavailable?.(this) ?? handler.sequence?.(this);
    if (refused !== undefined) return this.reply(refused);
    if (!parsed.ok) return this.reply(syntaxErrorReply(parsed.error, verb));
    if (parsed.leniencies.length > 0)
      this.log('debug', 'command.lenient', { verb, leniencies: parsed.leniencies });
    await handler.handle(this, parsed.command as CommandOf<Verb>);
  }

  /** A test seam's decision about a command line (`TestSeams.commandLine`). */
  #apply(decision: LineDecision): void {
    if (decision.kind === 'ignore') return;
    if (decision.kind === 'reply') this.reply(decision.reply);
    else if (decision.kind === 'close') this.closeWith(decision.reply);
    else {
      this.state = 'closing';
      if (decision.kind === 'reset') this.#socket.resetAndDestroy();
      else this.#socket.destroy();
    }
  }

  /** Forgets the transaction; a message it was receiving is dropped from the store. */
  #dropTransaction(): void {
    void this.transaction?.receipt?.discard();
    this.transaction = undefined;
  }

  #shutdownReply(): ReplySpec {
    // RFC 5321 §3.8: 421 when the service must shut down.
    return {
      code: 421,
      enhanced: '4.3.2',
      text: `${this.deps.config.hostname} Service shutting down, closing transmission channel`,
    };
  }

  /** Waits until the client has read our replies, so an unread stream cannot grow our memory. */
  async #outputDrained(): Promise<boolean> {
    const socket = this.#socket;
    if (!socket.writableNeedDrain) return true;
    const drained = await new Promise<boolean>((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        socket.off('drain', onDrain);
        socket.off('close', onClose);
        resolve(ok);
      };
      const onDrain = () => done(true);
      const onClose = () => done(false);
      const timer = setTimeout(() => done(false), this.deps.config.limits.commandTimeoutMs);
      socket.on('drain', onDrain);
      socket.on('close', onClose);
    });
    if (!drained) {
      this.log('info', 'session.output-stalled', {});
      socket.destroy();
    }
    return drained;
  }

  #end(): void {
    this.state = 'closing';
    if (this.#output === undefined) this.#close();
    else void this.#output.idle().then(() => this.#close());
  }

  #close(): void {
    const socket = this.#socket;
    if (socket.destroyed || socket.writableEnded) return;
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once('close', () => clearTimeout(timer));
  }
}
