/**
 * The relay sink: the harness listening as an SMTP server for the whole run, where the
 * target delivers what it relays to `--relay-domain`. Each transaction is matched to the
 * case whose token its addresses carry, and answered as that case's script says; a case
 * that scripts the connection itself (greeting, EHLO reply, extensions, pace) holds the
 * sink alone while it runs, since a connection cannot be told apart before MAIL.
 */
import type { RelaySinkScript, SinkReply } from '../scenario/types.ts';
import { type SmtpListener, startSmtpListener } from '../server/listener.ts';
import type {
  ReceivedCommand,
  ReceivedData,
  ServerReply,
  SessionRecord,
  SessionScript,
  SessionView,
} from '../server/types.ts';
import { SinkCase, type SinkTransaction } from './sink-case.ts';

/** EHLO keywords the sink offers unless a case says otherwise. */
export const SINK_EXTENSIONS: readonly string[] = [
  'PIPELINING',
  'SIZE 52428800',
  '8BITMIME',
  'ENHANCEDSTATUSCODES',
  'SMTPUTF8',
  'DSN',
];

/** The name the sink greets with. */
export const SINK_HOSTNAME = 'sink.smtpspec.test';

/** How to start the sink. */
export interface RelaySinkOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** The domain the target routes to the sink (`--relay-domain`). */
  domain: string;
  /** Longest wait for the target's next command (default 60 000 ms). */
  idleTimeoutMs?: number;
}

/** Transactions that carried no known token, kept for diagnosis (bounded). */
const MAX_STRAY = 50;
/** How long a case that holds the sink alone waits for older connections to end. */
const QUIET_WAIT_MS = 5000;

/** True when `script` shapes whole connections, so its case must hold the sink alone. */
export function needsSinkAlone(script: RelaySinkScript | undefined): boolean {
  if (script === undefined) return false;
  return (
    script.greeting !== undefined ||
    script.ehlo !== undefined ||
    script.extensions !== undefined ||
    script.replyDelayMs !== undefined
  );
}

/** A running sink. */
export class RelaySink {
  readonly domain: string;
  readonly #cases = new Map<string, SinkCase>();
  readonly #open = new Set<SessionRecord>();
  readonly #stray: SinkTransaction[] = [];
  readonly #lock = new SinkLock();
  #listener: SmtpListener | undefined;
  /** The case holding the sink alone, whose script shapes every new connection. */
  #alone: SinkCase | undefined;
  #quietWaiters = new Set<() => void>();

  private constructor(domain: string) {
    this.domain = domain.toLowerCase();
  }

  /** Listens on `host:port`; rejects with a one-line ConfigError if it cannot. */
  static async start(options: RelaySinkOptions): Promise<RelaySink> {
    const sink = new RelaySink(options.domain);
    sink.#listener = await startSmtpListener({
      host: options.host,
      port: options.port,
      script: ({ id }) => new SinkConnection(sink, id),
      // The cases' messages are small; 1 MiB of content a message bounds what a target can
      // make the sink hold (the transcript has its own cap).
      session: {
        idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
        maxDataSize: 1024 * 1024,
        label: 'relay sink',
      },
      onSession: (session) => {
        sink.#open.add(session.record);
        sink.#alone?.sessions.add(session.record);
        void session.done.then((record) => sink.#ended(record));
      },
    });
    return sink;
  }

  get address(): { host: string; port: number } {
    if (this.#listener === undefined) throw new Error('sink not started');
    return this.#listener.address;
  }

  /** Transactions whose addresses named no case of this run. */
  get stray(): readonly SinkTransaction[] {
    return this.#stray;
  }

  /**
   * Registers a case. Resolves once the sink is the case's to use: at once for a case
   * that only scripts its own transactions, alone (and after older connections ended)
   * for one that scripts connections. Call `release` when the case ends.
   */
  async open(token: string, script: RelaySinkScript | undefined): Promise<SinkCase> {
    const alone = needsSinkAlone(script);
    await this.#lock.acquire(alone ? 'exclusive' : 'shared');
    const sinkCase = new SinkCase(token, script);
    this.#cases.set(token.toLowerCase(), sinkCase);
    if (alone) {
      await this.#quiet(QUIET_WAIT_MS);
      this.#alone = sinkCase;
    }
    return sinkCase;
  }

  /** Ends a case's hold on the sink; its later transactions still reach its record. */
  release(sinkCase: SinkCase): void {
    sinkCase.close();
    if (this.#alone === sinkCase) {
      this.#alone = undefined;
      this.#lock.release('exclusive');
    } else {
      this.#lock.release('shared');
    }
  }

  async stop(): Promise<void> {
    await this.#listener?.stop();
  }

  /** The case whose token one of `paths` carries. */
  caseOf(paths: readonly string[]): SinkCase | undefined {
    for (const sinkCase of this.#cases.values()) {
      if (paths.some((p) => sinkCase.owns(p))) return sinkCase;
    }
    return undefined;
  }

  /** The case holding the sink alone, when this connection started. */
  get alone(): SinkCase | undefined {
    return this.#alone;
  }

  addStray(tx: SinkTransaction): void {
    if (this.#stray.length < MAX_STRAY) this.#stray.push(tx);
  }

  #ended(record: SessionRecord): void {
    this.#open.delete(record);
    for (const sinkCase of this.#cases.values()) {
      if (sinkCase.sessions.has(record)) sinkCase.changed();
    }
    if (this.#open.size === 0) for (const wake of [...this.#quietWaiters]) wake();
  }

  /** Waits (bounded) until no connection is open, so the next one is the case's own. */
  #quiet(ms: number): Promise<void> {
    if (this.#open.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#quietWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#quietWaiters.add(done);
    });
  }
}

/** A readers-writer lock in arrival order: shared holders together, an exclusive one alone. */
class SinkLock {
  #shared = 0;
  #exclusive = false;
  readonly #queue: { kind: 'shared' | 'exclusive'; grant: () => void }[] = [];

  acquire(kind: 'shared' | 'exclusive'): Promise<void> {
    return new Promise((grant) => {
      this.#queue.push({ kind, grant });
      this.#pump();
    });
  }

  release(kind: 'shared' | 'exclusive'): void {
    if (kind === 'exclusive') this.#exclusive = false;
    else this.#shared--;
    this.#pump();
  }

  #pump(): void {
    for (;;) {
      const next = this.#queue[0];
      if (next === undefined || this.#exclusive) return;
      if (next.kind === 'exclusive' && this.#shared > 0) return;
      this.#queue.shift();
      if (next.kind === 'exclusive') this.#exclusive = true;
      else this.#shared++;
      next.grant();
    }
  }
}

/** RFC 5321 §4.2: reply lines; the sink names itself in every text. */
function reply(code: number, enhanced: string | undefined, text: string | string[]): ServerReply {
  return { code, text, ...(enhanced === undefined ? {} : { enhanced }) };
}

function scripted(r: SinkReply): ServerReply {
  // RFC 5321 §3.8: a 421 announces that the server closes the connection.
  return { ...reply(r.code, r.enhanced, r.text), ...(r.code === 421 ? { close: true } : {}) };
}

/** One connection from the target: its replies, and the transactions it carries. */
class SinkConnection implements SessionScript {
  readonly #sink: RelaySink;
  readonly #id: number;
  /** The case holding the sink alone when the connection came; it shapes the connection. */
  readonly #alone: SinkCase | undefined;
  #tx: SinkTransaction | undefined;
  #owner: SinkCase | undefined;

  constructor(sink: RelaySink, id: number) {
    this.#sink = sink;
    this.#id = id;
    this.#alone = sink.alone;
  }

  #paced(r: ServerReply): ServerReply {
    const delay = this.#alone?.script.replyDelayMs;
    return delay === undefined ? r : { ...r, delayMs: delay };
  }

  greeting(): ServerReply {
    const own = this.#alone?.replyFor('greeting');
    if (own !== undefined) return this.#paced(scripted(own));
    return this.#paced(reply(220, undefined, `${SINK_HOSTNAME} ESMTP smtpspec relay sink`));
  }

  command(received: ReceivedCommand, view: SessionView): ServerReply {
    return this.#paced(this.#answer(received, view));
  }

  #answer(received: ReceivedCommand, view: SessionView): ServerReply {
    const command = received.command;
    if (command === undefined) {
      // RFC 5321 §4.2.4 / §4.3.2: a line outside the grammar gets 500 or 501.
      return reply(500, '5.5.2', 'Syntax error');
    }
    switch (command.verb) {
      case 'EHLO': {
        this.#endTransaction();
        const own = this.#alone?.replyFor('ehlo');
        if (own !== undefined) return scripted(own);
        const keywords = this.#alone?.script.extensions ?? SINK_EXTENSIONS;
        return reply(250, undefined, [`${SINK_HOSTNAME} greets ${command.domain}`, ...keywords]);
      }
      case 'HELO':
        this.#endTransaction();
        return reply(250, undefined, SINK_HOSTNAME);
      case 'MAIL':
        return this.#mail(received, command.reversePath.raw, view);
      case 'RCPT':
        return this.#rcpt(received, command.forwardPath.raw);
      case 'DATA':
        return this.#data(received);
      case 'RSET':
        this.#endTransaction();
        return reply(250, '2.0.0', 'Reset');
      case 'NOOP':
        return reply(250, '2.0.0', 'OK');
      case 'QUIT':
        this.#endTransaction();
        return { ...reply(221, '2.0.0', `${SINK_HOSTNAME} closing`), close: true };
      case 'VRFY':
        return reply(252, '2.1.5', 'Cannot verify, will accept and attempt delivery');
      case 'UNKNOWN':
        return reply(500, '5.5.2', 'Command not recognized');
      default:
        // STARTTLS, AUTH, BDAT, ...: not offered here (RFC 5321 §4.2.4: 502).
        return reply(502, '5.5.1', 'Command not implemented');
    }
  }

  #mail(received: ReceivedCommand, reversePath: string, view: SessionView): ServerReply {
    if (this.#tx !== undefined) return reply(503, '5.5.1', 'Nested MAIL command');
    const tx: SinkTransaction = {
      session: view.record,
      reversePath,
      mail: received,
      mailCode: 250,
      recipients: [],
      startedAt: Date.now(),
    };
    this.#tx = tx;
    this.#owner = this.#sink.caseOf([reversePath]);
    // RFC 5321 §4.1.4: a session with mail transactions starts with EHLO (or HELO).
    const own = view.hello === undefined ? undefined : this.#owner?.replyFor('mail');
    let r = own === undefined ? reply(250, '2.1.0', 'Sender OK') : scripted(own);
    if (view.hello === undefined) r = reply(503, '5.5.1', 'EHLO or HELO first');
    tx.mailCode = r.code;
    this.#attach();
    if (r.code !== 250) this.#endTransaction();
    return r;
  }

  #rcpt(received: ReceivedCommand, forwardPath: string): ServerReply {
    const tx = this.#tx;
    if (tx === undefined) return reply(503, '5.5.1', 'MAIL first');
    this.#owner ??= this.#sink.caseOf([forwardPath]);
    const own = this.#owner?.isProtected(forwardPath) ? undefined : this.#owner?.replyFor('rcpt');
    const r = own === undefined ? reply(250, '2.1.5', 'Recipient OK') : scripted(own);
    // Recorded before the case sees the transaction: a wait must never look at half of it.
    tx.recipients.push({ path: forwardPath, command: received, code: r.code });
    this.#attach();
    this.#owner?.changed();
    return r;
  }

  #data(received: ReceivedCommand): ServerReply {
    const tx = this.#tx;
    if (tx === undefined) return reply(503, '5.5.1', 'MAIL first');
    tx.dataCommand = received;
    this.#owner?.changed();
    // RFC 5321 §3.3: DATA without an accepted recipient may get 554 "no valid recipients".
    if (!tx.recipients.some((r) => r.code === 250 || r.code === 251)) {
      this.#endTransaction();
      return reply(554, '5.5.1', 'No valid recipients');
    }
    return reply(354, undefined, 'End data with <CR><LF>.<CR><LF>');
  }

  data(data: ReceivedData): ServerReply {
    const tx = this.#tx;
    const toCase = tx?.recipients.some((r) => r.code < 300 && !this.#owner?.isProtected(r.path));
    const own = toCase === true ? this.#owner?.replyFor('dataEnd') : undefined;
    const r =
      own === undefined
        ? reply(250, '2.0.0', `Ok: queued as sink-${this.#id}-${tx?.recipients.length ?? 0}`)
        : scripted(own);
    if (tx !== undefined) {
      tx.data = data;
      tx.dataCode = r.code;
    }
    this.#endTransaction();
    return this.#paced(r);
  }

  /** The transaction goes to its case as soon as the case is known, else to the strays. */
  #attach(): void {
    const tx = this.#tx;
    if (tx === undefined || this.#owner === undefined) return;
    if (!this.#owner.transactions.includes(tx)) this.#owner.add(tx);
  }

  #endTransaction(): void {
    const tx = this.#tx;
    if (tx === undefined) return;
    tx.endedAt = Date.now();
    if (this.#owner === undefined) this.#sink.addStray(tx);
    this.#owner?.changed();
    this.#tx = undefined;
    this.#owner = undefined;
  }
}
