/**
 * Client side of DATA transparency (RFC 5321 §4.5.2): add a "." before every line that
 * starts with ".", then end the content with CRLF "." CRLF (§4.1.1.4).
 *
 * Deliberately byte-exact: bare CR and bare LF are passed through unchanged and are not
 * line ends, so a dot after a bare LF is not stuffed. Scenarios send such bytes on purpose
 * (RFC 5321 §2.3.8 and SMTP smuggling cases); repairing them would hide the bugs the
 * harness looks for. Conformant content has only CRLF line ends.
 */
import { Transform, type TransformCallback } from 'node:stream';

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

/** The end-of-data line when the content already ends with CRLF (RFC 5321 §4.1.1.4). */
const END_LINE = Buffer.from('.\r\n', 'latin1');
/** The end of data when the content does not end with CRLF: add the CRLF first (§4.1.1.4). */
const CRLF_END_LINE = Buffer.from('\r\n.\r\n', 'latin1');

/** The stuffing state machine without stream plumbing, shared by the stream and the helper. */
class DotStuffCore {
  /** True after CRLF or at the very start: a "." here is the first character of a line. */
  private isAtLineStart = true;
  private isAfterCR = false;
  bytesIn = 0;
  bytesOut = 0;

  /** Stuffs one chunk; returns the chunk itself when no dot needed adding. */
  stuff(chunk: Buffer): Buffer {
    const insertAt: number[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] ?? 0;
      // RFC 5321 §4.5.2: "Before sending a line of mail text, the SMTP client checks the
      // first character of the line. If it is a period, one additional period is inserted".
      if (this.isAtLineStart && b === DOT) insertAt.push(i);
      this.isAtLineStart = this.isAfterCR && b === LF;
      this.isAfterCR = b === CR;
    }
    this.bytesIn += chunk.length;
    const out = insertAt.length === 0 ? chunk : withDotsInserted(chunk, insertAt);
    this.bytesOut += out.length;
    return out;
  }

  /** The bytes that end the data: CRLF if the content did not end with one, then ".CRLF". */
  terminator(): Buffer {
    const endsWithCRLF = this.bytesIn === 0 || this.isAtLineStart;
    const end = endsWithCRLF ? END_LINE : CRLF_END_LINE;
    this.bytesOut += end.length;
    return Buffer.from(end);
  }
}

function withDotsInserted(chunk: Buffer, insertAt: readonly number[]): Buffer {
  const out = Buffer.allocUnsafe(chunk.length + insertAt.length);
  let from = 0;
  let to = 0;
  for (const at of insertAt) {
    to += chunk.copy(out, to, from, at);
    out[to++] = DOT;
    from = at;
  }
  chunk.copy(out, to, from);
  return out;
}

/**
 * Client-side DATA encoder: write the message content, read the bytes to send after the
 * 354 reply. Stuffs leading dots and writes the terminator on end (in `_flush`). Counts
 * `bytesIn` (content octets) and `bytesOut` (octets produced, terminator included).
 */
export class DotStuffer extends Transform {
  private readonly core = new DotStuffCore();

  /** Content octets written so far. */
  get bytesIn(): number {
    return this.core.bytesIn;
  }

  /** Octets produced so far, stuffing dots and (after end) the terminator included. */
  get bytesOut(): number {
    return this.core.bytesOut;
  }

  // Strings written to the stream arrive here already encoded (Writable decodeStrings).
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const out = this.core.stuff(chunk);
    if (out.length > 0) this.push(out);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.push(this.core.terminator());
    callback();
  }
}

/**
 * The complete bytes to send after 354 for `content`: stuffed, a CRLF added if the content
 * does not end with one, and the final ".CRLF" (RFC 5321 §4.1.1.4, §4.5.2). Empty content
 * gives just ".\r\n". Bare CR/LF are left as they are (see the module comment).
 */
export function dotStuff(content: Buffer): Buffer {
  const core = new DotStuffCore();
  const body = core.stuff(content);
  return Buffer.concat([body, core.terminator()]);
}
