/**
 * The session's side of the queue: {@link MessageStore} backed by the durable spool.
 */
import type { Envelope, MessageDraft, MessageStore } from '../message-store.ts';
import type { QueueRecord } from './record.ts';
import type { Spool } from './spool.ts';
import { SpoolError } from './spool-error.ts';

/** A message just spooled: its record, and its content when it never left memory. */
export interface SpooledMessage {
  record: QueueRecord;
  content: Buffer | undefined;
}

/**
 * A {@link MessageStore} whose drafts commit only once content and envelope record are
 * fsynced and renamed into the spool (RFC 5321 §6.1), then hands the message to `onSpooled`
 * so delivery can start (with the content of a small one, which need not be read back). Refuses with SpoolError(`not-started`) until the queue has
 * recovered the spool: recovery empties `tmp/`, which must not race a live transaction.
 */
export class SpoolMessageStore implements MessageStore {
  readonly #spool: Spool;
  readonly #onSpooled: (message: SpooledMessage) => void;
  #open = false;

  constructor(spool: Spool, onSpooled: (message: SpooledMessage) => void) {
    this.#spool = spool;
    this.#onSpooled = onSpooled;
  }

  /** Called by the queue once recovery is complete. */
  markOpen(): void {
    this.#open = true;
  }

  begin(envelope: Envelope, dsnFor?: string): MessageDraft {
    if (!this.#open)
      return refusedDraft(new SpoolError('not-started', 'spool: the queue is not started'));
    let draft: ReturnType<Spool['begin']>;
    try {
      draft = this.#spool.begin(envelope, dsnFor === undefined ? {} : { dsnFor });
    } catch (err) {
      return refusedDraft(err);
    }
    return {
      write: (chunk) => draft.write(chunk),
      commit: async () => {
        const record = await draft.commit();
        this.#onSpooled({ record, content: draft.committedContent });
        return { queueId: record.queueId };
      },
      discard: () => draft.discard(),
    };
  }

  /** Spools a whole message (a DSN the queue generates); resolves with its queue id. */
  async spool(envelope: Envelope, content: Buffer, dsnFor?: string): Promise<string> {
    const draft = this.begin(envelope, dsnFor);
    await draft.write(content);
    return (await draft.commit()).queueId;
  }
}

/** A draft that takes nothing and whose commit rejects with `error`. */
function refusedDraft(error: unknown): MessageDraft {
  return {
    write: async () => {},
    commit: () => Promise.reject(error),
    discard: async () => {},
  };
}
