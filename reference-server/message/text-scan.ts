/**
 * What BDAT content (RFC 3030 §2: no dot-stuffing, so not through the DATA decoder) holds
 * that a text message may not: bare CR or LF octets (RFC 5321 §2.3.8) and text lines
 * longer than the limit (§4.5.3.1.6, CRLF included). Fed chunk by chunk, in any split; the
 * state carried between chunks is the current line's length and whether it ended in CR.
 */
const CR = 0x0d;
const LF = 0x0a;

export class TextLineScan {
  readonly #maxLineLength: number;
  #lineLength = 0;
  #afterCR = false;
  /** Bare CR or LF octets seen. */
  bareLineEnds = 0;
  /** Text lines longer than the limit. */
  longLines = 0;

  constructor(maxLineLength: number) {
    this.#maxLineLength = maxLineLength;
  }

  /** Octets of the line begun and not yet ended (to catch a long one before its end). */
  get openLineLength(): number {
    return this.#lineLength;
  }

  push(chunk: Buffer): void {
    let from = 0;
    for (;;) {
      const lf = chunk.indexOf(LF, from);
      const end = lf === -1 ? chunk.length : lf;
      this.#bareCRs(chunk, from, end);
      if (lf === -1) {
        this.#grow(end - from, chunk[end - 1] === CR);
        return;
      }
      const crBefore = lf > from ? chunk[lf - 1] === CR : this.#afterCR && lf === from;
      if (!crBefore) this.bareLineEnds++;
      // The LF ends a line either way; only a CRLF line is a text line to measure.
      if (crBefore && this.#lineLength + (lf - from) + 1 > this.#maxLineLength) this.longLines++;
      this.#lineLength = 0;
      this.#afterCR = false;
      from = lf + 1;
    }
  }

  /** Call once at the end: a CR left hanging is bare, a last line without CRLF is measured. */
  finish(): void {
    if (this.#afterCR) this.bareLineEnds++;
    if (this.#lineLength > this.#maxLineLength) this.longLines++;
    this.#afterCR = false;
    this.#lineLength = 0;
  }

  /** CRs in chunk[from, end) not followed by LF (the one at end - 1 is judged later). */
  #bareCRs(chunk: Buffer, from: number, end: number): void {
    if (this.#afterCR && from < end) this.bareLineEnds++;
    for (let i = chunk.indexOf(CR, from); i !== -1 && i < end - 1; i = chunk.indexOf(CR, i + 1)) {
      if (chunk[i + 1] !== LF) this.bareLineEnds++;
    }
  }

  #grow(octets: number, endsInCR: boolean): void {
    if (octets === 0) return;
    this.#lineLength += octets;
    this.#afterCR = endsInCR;
  }
}
