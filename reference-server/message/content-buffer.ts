/**
 * A bounded buffer for message content: it stores up to `maxBytes` octets and afterwards
 * only counts, so a client that sends more than the limit costs no memory (RFC 1870 §6:
 * the server may discard the excess and answer 552 at the end).
 */
export class ContentBuffer {
  readonly #maxBytes: number;
  #parts: Buffer[] = [];
  #stored = 0;
  #received = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Octets received so far, stored or not. */
  get received(): number {
    return this.#received;
  }

  /** True once more than `maxBytes` octets arrived: the content is incomplete. */
  get overflowed(): boolean {
    return this.#received > this.#maxBytes;
  }

  /** Adds a chunk (copied), or only counts it once over the limit. */
  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#received += chunk.length;
    if (this.overflowed) {
      // Free what we held: the message will be refused anyway.
      this.#parts = [];
      this.#stored = 0;
      return;
    }
    this.#parts.push(Buffer.from(chunk));
    this.#stored += chunk.length;
  }

  /** The stored content as one buffer (empty once overflowed). */
  toBuffer(): Buffer {
    return Buffer.concat(this.#parts, this.#stored);
  }
}
