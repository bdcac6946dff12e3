/**
 * The session's side of the queue: {@link MessageStore} backed by the durable spool.
 */
import type { Envelope, MessageStore } from '../message-store.ts';
import type { Spool } from './spool.ts';
import { SpoolError } from './spool-error.ts';

/**
 * A {@link MessageStore} whose `accept` resolves only once content and envelope record are
 * fsynced and renamed into the spool (RFC 5321 §6.1), then hands the queue id to `onSpooled`
 * so delivery can start. Refuses with SpoolError(`not-started`) until the queue has
 * recovered the spool: recovery empties `tmp/`, which must not race a live transaction.
 */
export class SpoolMessageStore implements MessageStore {
  readonly #spool: Spool;
  readonly #onSpooled: (queueId: string) => void;
  #open = false;

  constructor(spool: Spool, onSpooled: (queueId: string) => void) {
    this.#spool = spool;
    this.#onSpooled = onSpooled;
  }

  /** Called by the queue once recovery is complete. */
  markOpen(): void {
    this.#open = true;
  }

  async accept(envelope: Envelope, content: Buffer): Promise<{ queueId: string }> {
    return { queueId: await this.spool(envelope, content) };
  }

  /** `accept` with the DSN link the queue uses for reports it generates. */
  async spool(envelope: Envelope, content: Buffer, dsnFor?: string): Promise<string> {
    if (!this.#open) throw new SpoolError('not-started', 'spool: the queue is not started');
    const record = await this.#spool.add(envelope, content, dsnFor === undefined ? {} : { dsnFor });
    this.#onSpooled(record.queueId);
    return record.queueId;
  }
}
