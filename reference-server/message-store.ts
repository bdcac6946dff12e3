/**
 * Where the SMTP session hands an accepted message: the contract with the queue, and a
 * bounded in-memory store for tests.
 */
import { randomBytes } from 'node:crypto';
import { ERROR_CODES, SmtpHarnessError, TimeoutError } from '../harness/errors.ts';

/** One recipient of an accepted message. */
export interface EnvelopeRecipient {
  /** The forward-path mailbox as the client wrote it (`local@domain`, or `Postmaster`). */
  address: string;
  /** DSN NOTIFY (RFC 3461 §4.1); absent when the client did not send it. */
  notify?: ('SUCCESS' | 'FAILURE' | 'DELAY')[] | 'NEVER';
  /** DSN ORCPT (RFC 3461 §4.2) as sent: `addr-type;xtext`. */
  orcpt?: string;
  /** True when we deliver it (a local domain), false when it is relayed. */
  local: boolean;
}

/** The envelope of an accepted message (RFC 5321 §2.3.1). */
export interface Envelope {
  /** The reverse-path mailbox; `''` is the null path `<>`. */
  reversePath: string;
  recipients: EnvelopeRecipient[];
  /** MAIL BODY= (RFC 6152, RFC 3030); absent when not given. */
  body?: '7BIT' | '8BITMIME' | 'BINARYMIME';
  /** MAIL carried SMTPUTF8 (RFC 6531 §3.4). */
  smtputf8: boolean;
  /** DSN RET (RFC 3461 §4.3). */
  ret?: 'FULL' | 'HDRS';
  /** DSN ENVID (RFC 3461 §4.4) as sent (xtext). */
  envid?: string;
  /** MAIL SIZE= declared by the client (RFC 1870). */
  size?: number;
  /** ISO-8601 time the final reply was decided. */
  receivedAt: string;
  client: {
    address: string;
    helo: string;
    tls: boolean;
    authenticatedAs?: string;
    /** The client was allowed to relay (decides who may get SUCCESS notices, `dsn.successNotices`). */
    mayRelay?: boolean;
  };
}

/**
 * A message being received: its content arrives in pieces (our Received: field first, then
 * the unstuffed content), then it is committed or discarded. The store holds at most a
 * bounded batch of it in memory, whatever its size.
 */
export interface MessageDraft {
  /**
   * Appends content. The store copies what it keeps, so the caller may reuse `chunk` once
   * the promise settles; awaiting it is the backpressure. After a rejection (disk full),
   * later writes are ignored and {@link commit} rejects.
   */
  write(chunk: Buffer): Promise<void>;
  /**
   * Resolves only once content and envelope are durable (RFC 5321 §6.1): the session
   * replies 250 after this. A rejection makes the session reply `451 4.3.0`.
   */
  commit(): Promise<{ queueId: string }>;
  /** Drops what was written (the transaction was refused or abandoned); never rejects. */
  discard(): Promise<void>;
}

/** The queue's side of the contract. */
export interface MessageStore {
  /** Starts a message with its envelope, as known when its content begins (DATA or BDAT). */
  begin(envelope: Envelope): MessageDraft;
}

/** Stores a message whose content is at hand in one piece: begin, write, commit. */
export async function acceptMessage(
  store: MessageStore,
  envelope: Envelope,
  content: Buffer,
): Promise<{ queueId: string }> {
  const draft = store.begin(envelope);
  try {
    await draft.write(content);
    return await draft.commit();
  } catch (err) {
    await draft.discard();
    throw err;
  }
}

/** One message held by {@link MemoryMessageStore}. */
export interface StoredMessage {
  queueId: string;
  envelope: Envelope;
  content: Buffer;
}

/** Caps of {@link MemoryMessageStore}; `accept` rejects once either would be exceeded. */
export interface MemoryMessageStoreOptions {
  maxMessages?: number;
  maxBytes?: number;
}

/**
 * A bounded in-memory {@link MessageStore} for tests and in-process runs. Nothing is
 * durable: do not use it where a 250 must survive a crash.
 */
export class MemoryMessageStore implements MessageStore {
  readonly #messages: StoredMessage[] = [];
  readonly #maxMessages: number;
  readonly #maxBytes: number;
  #bytes = 0;
  #waiters: (() => void)[] = [];

  constructor(options: MemoryMessageStoreOptions = {}) {
    this.#maxMessages = options.maxMessages ?? 1000;
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** Messages accepted so far, oldest first. */
  get messages(): readonly StoredMessage[] {
    return this.#messages;
  }

  begin(envelope: Envelope): MessageDraft {
    const parts: Buffer[] = [];
    let size = 0;
    let state: 'open' | 'full' | 'done' = 'open';
    return {
      write: async (chunk) => {
        if (state !== 'open') return;
        size += chunk.length;
        // Over the store's cap the content is dropped at once: commit will refuse it.
        if (this.#bytes + size > this.#maxBytes) {
          state = 'full';
          parts.length = 0;
        } else parts.push(Buffer.from(chunk));
      },
      commit: async () => {
        if (state === 'done') throw new SmtpHarnessError(ERROR_CODES.state, 'already committed');
        const full = state === 'full' || this.#messages.length >= this.#maxMessages;
        state = 'done';
        if (full) throw new SmtpHarnessError(ERROR_CODES.limit, 'memory message store is full');
        const queueId = randomBytes(6).toString('hex').toUpperCase();
        this.#messages.push({ queueId, envelope, content: Buffer.concat(parts, size) });
        this.#bytes += size;
        for (const wake of this.#waiters.splice(0)) wake();
        return { queueId };
      },
      discard: async () => {
        state = 'done';
        parts.length = 0;
      },
    };
  }

  /** Forgets every message. */
  clear(): void {
    this.#messages.length = 0;
    this.#bytes = 0;
  }

  /**
   * Resolves when at least `count` messages are held, or rejects after `timeoutMs`
   * (tests use it instead of polling).
   */
  async waitForCount(count: number, timeoutMs: number): Promise<readonly StoredMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.#messages.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new TimeoutError(`message #${count} in the store`, timeoutMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.#messages;
  }
}
