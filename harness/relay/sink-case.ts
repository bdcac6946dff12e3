/**
 * One relay-through case as the sink sees it: the transactions that carry its token, the
 * replies its script asks for (counted per attempt), and waits for what the target sends.
 */
import type { RelaySinkScript, SinkReply } from '../scenario/types.ts';
import type { ReceivedCommand, ReceivedData, SessionRecord } from '../server/types.ts';

/** One mail transaction the target opened at the sink (RFC 5321 §3.3). */
export interface SinkTransaction {
  /** The connection it came on. */
  session: SessionRecord;
  /** The reverse-path as sent, brackets included (`<>` for the null path). */
  reversePath: string;
  mail: ReceivedCommand;
  mailCode: number;
  /** Every RCPT with the code the sink gave it. */
  recipients: { path: string; command: ReceivedCommand; code: number }[];
  /** The DATA command, if one came in this transaction. */
  dataCommand?: ReceivedCommand;
  data?: ReceivedData;
  /** The reply to the end of data. */
  dataCode?: number;
  /** `Date.now()` when MAIL arrived and when the transaction ended (or undefined while open). */
  startedAt: number;
  endedAt?: number;
}

/** The stages whose replies a case may script, each counted per attempt. */
export type SinkStage = 'greeting' | 'ehlo' | 'mail' | 'rcpt' | 'dataEnd';

/** What the sink knows of one relay-through case. */
export class SinkCase {
  readonly token: string;
  readonly script: RelaySinkScript;
  /** Transactions carrying the token, in arrival order. */
  readonly transactions: SinkTransaction[] = [];
  /** Connections that carried them, or that ran while the case held the sink alone. */
  readonly sessions = new Set<SessionRecord>();
  readonly #attempts = new Map<SinkStage, number>();
  /** Addresses the case used as reverse-paths: notifications to them are never scripted. */
  readonly #protected = new Set<string>();
  readonly #waiters = new Set<() => void>();
  #closed = false;

  constructor(token: string, script: RelaySinkScript = {}) {
    this.token = token;
    this.script = script;
  }

  /** The case's addresses carry its token (matched case-insensitively: RFC 5321 §2.4). */
  owns(path: string): boolean {
    return path.toLowerCase().includes(this.token.toLowerCase());
  }

  /**
   * Marks a reverse-path the case submitted with: the sink always accepts mail to it, so
   * the notification a scripted refusal causes can arrive and be judged.
   */
  protect(mailbox: string): void {
    this.#protected.add(mailbox.toLowerCase());
  }

  /** The path (`<a@b>`, source route allowed) names a protected mailbox. */
  isProtected(path: string): boolean {
    const mailbox = path
      .replace(/^<(?:@[^:]*:)?/, '')
      .replace(/>$/, '')
      .toLowerCase();
    return this.#protected.has(mailbox);
  }

  /** True once the case has ended; later transactions only go to its record. */
  get closed(): boolean {
    return this.#closed;
  }

  /** The scripted reply for this attempt at `stage`, if the script has one for it. */
  replyFor(stage: SinkStage): SinkReply | undefined {
    const reply = this.script[stage];
    const attempt = (this.#attempts.get(stage) ?? 0) + 1;
    this.#attempts.set(stage, attempt);
    if (reply === undefined) return undefined;
    return reply.attempts === undefined || attempt <= reply.attempts ? reply : undefined;
  }

  /** Attempts seen at `stage` so far. */
  attemptsAt(stage: SinkStage): number {
    return this.#attempts.get(stage) ?? 0;
  }

  add(tx: SinkTransaction): void {
    this.transactions.push(tx);
    this.sessions.add(tx.session);
    this.changed();
  }

  /** Wakes every wait to look again. */
  changed(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  /**
   * Resolves with `look()`'s first defined answer, looked for now and after every change,
   * or undefined after `timeoutMs`.
   */
  waitFor<T>(look: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    const now = look();
    if (now !== undefined || timeoutMs <= 0) return Promise.resolve(now);
    return new Promise((resolve) => {
      const done = (value: T | undefined) => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
        resolve(value);
      };
      const wake = () => {
        const value = look();
        if (value !== undefined) done(value);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      this.#waiters.add(wake);
    });
  }

  close(): void {
    this.#closed = true;
    this.changed();
  }
}
