/**
 * A message as it is received (DATA after the 354, or the BDAT chunks of a transaction):
 * our Received: field goes to the store first (RFC 5321 §4.4), then the content as it
 * arrives, in bounded pieces, never the whole message in memory. What would refuse the
 * message (over the size, bare CR/LF, a line over the limit) is counted as it is seen; from
 * the first such problem on nothing more is stored, and the draft is dropped.
 */
import type { Envelope, MessageDraft, MessageStore } from '../message-store.ts';
import type { TextLineScan } from './text-scan.ts';

/** Content octets kept in memory from the start: the header section, for checks and hooks. */
export const HEAD_OCTETS = 64 * 1024;

export class MessageReceipt {
  readonly envelope: Envelope;
  /** Octets of our Received: field, stored before the content. */
  readonly traceSize: number;
  readonly #trace: Buffer;
  readonly #draft: MessageDraft;
  readonly #head: Buffer[] = [];
  #headSize = 0;
  #received = 0;
  #dropped = false;
  /** Octets of content beyond the size limit were received: the content is incomplete. */
  sizeExceeded = false;
  /** Bare CR or LF octets seen (RFC 5321 §2.3.8). */
  bareLineEnds = 0;
  /** Text lines longer than `limits.maxLineLength` (§4.5.3.1.6). */
  longLines = 0;
  /** BDAT text content: the scan for bare CR/LF and long lines (DATA has its decoder). */
  textScan: TextLineScan | undefined;

  /** Starts a message in `store` (see message/start.ts): envelope and our Received: field. */
  constructor(store: MessageStore, envelope: Envelope, trace: Buffer) {
    this.envelope = envelope;
    this.#trace = trace;
    this.traceSize = trace.length;
    this.#draft = store.begin(envelope);
  }

  /** Content octets received, stored or not. */
  get received(): number {
    return this.#received;
  }

  /** True once a content problem is known: the message will be refused. */
  get refused(): boolean {
    return this.sizeExceeded || this.bareLineEnds > 0 || this.longLines > 0;
  }

  /**
   * The first content octets (up to {@link HEAD_OCTETS}), without our Received: field:
   * enough for the header section of any sane message.
   */
  get head(): Buffer {
    return Buffer.concat(this.#head, this.#headSize);
  }

  /** The start of the message as stored: our Received: field, then {@link head}. */
  storedHead(): Buffer {
    return Buffer.concat([this.#trace, ...this.#head]);
  }

  /** Appends content (a view the caller may reuse afterwards); awaiting it is backpressure. */
  async append(chunk: Buffer): Promise<void> {
    if (chunk.length === 0) return;
    this.#received += chunk.length;
    if (this.refused) return this.#drop();
    if (this.#headSize < HEAD_OCTETS) {
      const part = chunk.subarray(0, HEAD_OCTETS - this.#headSize);
      this.#head.push(Buffer.from(part));
      this.#headSize += part.length;
    }
    if (this.#received === chunk.length) await this.#draft.write(this.#trace);
    await this.#draft.write(chunk);
  }

  /** Commits the message (our Received: field even for empty content); see MessageDraft. */
  async commit(): Promise<{ queueId: string }> {
    if (this.#received === 0) await this.#draft.write(this.#trace);
    return this.#draft.commit();
  }

  /** Drops the message; never rejects. */
  discard(): Promise<void> {
    return this.#drop();
  }

  async #drop(): Promise<void> {
    if (this.#dropped) return;
    this.#dropped = true;
    this.#head.length = 0;
    await this.#draft.discard();
  }
}
