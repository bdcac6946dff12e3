/**
 * The session's side of the queue: {@link MessageStore} backed by the durable spool.
 */
import type { Envelope, EnvelopeRecipient, MessageDraft, MessageStore } from '../message-store.ts';
import { deliversAtOnce } from './direct.ts';
import { newQueueId } from './queue-id.ts';
import type { QueueRecord } from './record.ts';
import type { Spool } from './spool.ts';
import { BATCH } from './spool-draft.ts';
import { SpoolError } from './spool-error.ts';

/**
 * Local delivery at once (queue/direct.ts), as the queue provides it: delivers `content`
 * under `queueId` and resolves with the recipients it could not deliver.
 */
export type DeliverAtOnce = (
  queueId: string,
  envelope: Envelope,
  content: Buffer,
) => Promise<EnvelopeRecipient[]>;

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
  readonly #atOnce: DeliverAtOnce | undefined;
  #open = false;

  /** `atOnce`: deliver messages for local mailboxes only before the 250 (queue/direct.ts). */
  constructor(spool: Spool, onSpooled: (message: SpooledMessage) => void, atOnce?: DeliverAtOnce) {
    this.#spool = spool;
    this.#onSpooled = onSpooled;
    this.#atOnce = atOnce;
  }

  /** Called by the queue once recovery is complete. */
  markOpen(): void {
    this.#open = true;
  }

  begin(envelope: Envelope, dsnFor?: string): MessageDraft {
    if (!this.#open)
      return refusedDraft(new SpoolError('not-started', 'spool: the queue is not started'));
    const atOnce = this.#atOnce;
    if (atOnce !== undefined && dsnFor === undefined && deliversAtOnce(envelope))
      return this.#atOnceDraft(envelope, atOnce);
    return this.#spoolDraft(envelope, dsnFor);
  }

  #spoolDraft(envelope: Envelope, dsnFor?: string): MessageDraft {
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

  /**
   * A draft held in memory for delivery at once; a message that grows past one batch
   * becomes a spool draft (large messages stream to the spool, bounded, as any other).
   */
  #atOnceDraft(envelope: Envelope, atOnce: DeliverAtOnce): MessageDraft {
    let parts: Buffer[] = [];
    let size = 0;
    let spooled: MessageDraft | undefined;
    return {
      write: async (chunk) => {
        if (spooled !== undefined) return spooled.write(chunk);
        parts.push(Buffer.from(chunk));
        size += chunk.length;
        if (size <= BATCH) return;
        const draft = this.#spoolDraft(envelope);
        spooled = draft;
        for (const part of parts) await draft.write(part);
        parts = [];
      },
      commit: async () => {
        if (spooled !== undefined) return spooled.commit();
        const content = Buffer.concat(parts, size);
        parts = [];
        const queueId = newQueueId();
        const left = await atOnce(queueId, envelope, content);
        // Recipients not delivered at once go to the spool like any message, before the 250.
        if (left.length > 0) {
          const rest = this.#spoolDraft({ ...envelope, recipients: left });
          await rest.write(content);
          await rest.commit();
        }
        return { queueId };
      },
      discard: async () => {
        parts = [];
        await spooled?.discard();
      },
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
