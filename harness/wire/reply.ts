/**
 * SMTP replies (RFC 5321 §4.2): a streaming parser for the client side that reports every
 * deviation instead of stopping at the first, and a strict formatter for the server side.
 */
import { ConfigError } from '../errors.ts';
import { type EnhancedStatus, parseEnhancedStatus } from './enhanced-status.ts';
import { type FramedLine, LineFramer } from './lines.ts';
import {
  lineViolations,
  parseReplyLine,
  type ReplyLineHead,
  type ReplyViolation,
} from './reply-line.ts';
import { visibleBytes } from './visible.ts';

export { formatReply } from './reply-format.ts';
export { ADVISORY_VIOLATIONS, type ReplyViolation } from './reply-line.ts';

/**
 * A complete reply. `lines` holds each line's text after the code and separator (latin1,
 * so every octet maps to one char), enhanced status code included. `enhanced` is parsed
 * from the first line, and only set when its class agrees with the reply code (RFC 2034
 * §4). `raw` is every octet of the reply as received, terminators included.
 */
export interface Reply {
  code: number;
  lines: string[];
  enhanced?: EnhancedStatus;
  raw: Buffer;
  violations: ReplyViolation[];
}

/**
 * What the parser hands out. Each reply the server sends yields exactly one `reply` or one
 * `overflow` event, so a client expecting N replies reads N events. `malformed` lines (no
 * reply code at all) come as extra events in stream order and do not break a reply in progress.
 */
export type ReplyEvent =
  | { kind: 'reply'; reply: Reply }
  | { kind: 'malformed'; line: Buffer; reason: string }
  | { kind: 'overflow'; what: 'line' | 'lines' | 'bytes'; limit: number };

/** Hard caps: a reply stream can never make the parser hold more than about these. */
export interface ReplyParserOptions {
  /** Octets per line including the terminator. */
  maxLineLength: number;
  /** Lines per reply. */
  maxLines: number;
  /** Octets per reply including terminators. */
  maxReplyBytes: number;
}

/**
 * Client defaults: far above RFC 5321 §4.5.3.1.5's 512-octet reply line, so real servers
 * fit, while a hostile 100 MB reply ends in an `overflow` event instead of memory growth.
 */
export const DEFAULT_REPLY_LIMITS: Readonly<ReplyParserOptions> = Object.freeze({
  maxLineLength: 2048,
  maxLines: 1000,
  maxReplyBytes: 1024 * 1024,
});

const CRLF = Buffer.from('\r\n', 'latin1');
const LF = Buffer.from('\n', 'latin1');

interface Building {
  code: number;
  digits: string;
  lines: string[];
  raw: Buffer[];
  rawLength: number;
  violations: ReplyViolation[];
}

/** Streaming reply parser over the lenient line framer (client side). */
export class ReplyParser {
  readonly #limits: ReplyParserOptions;
  readonly #framer: LineFramer;
  #current: Building | undefined;
  /** Discarding the rest of a reply that already got its `overflow` event. */
  #skipping = false;

  constructor(options: Partial<ReplyParserOptions> = {}) {
    this.#limits = { ...DEFAULT_REPLY_LIMITS, ...options };
    for (const key of ['maxLines', 'maxReplyBytes'] as const) {
      const value = this.#limits[key];
      if (!Number.isSafeInteger(value) || value < 1) {
        throw new ConfigError('must be a positive integer', key);
      }
    }
    // RFC 5321 §2.3.8 makes bare LF illegal, but reading it as a line end lets the client
    // report a broken server's reply instead of waiting for a CRLF that never comes.
    this.#framer = new LineFramer({ maxLineLength: this.#limits.maxLineLength, mode: 'lenient' });
  }

  /** Octets held for an unfinished reply: complete lines of it plus a partial line. */
  get pending(): number {
    return (this.#current?.rawLength ?? 0) + this.#framer.pending;
  }

  /** Feeds one chunk from the socket; returns the events it completed, in stream order. */
  push(chunk: Buffer): ReplyEvent[] {
    const events: ReplyEvent[] = [];
    for (const framed of this.#framer.push(chunk)) this.#onFramed(framed, events);
    return events;
  }

  /**
   * Returns every buffered octet of an unfinished reply and resets the parser. After a
   * STARTTLS 220 this must be empty: bytes here were sent before the TLS handshake.
   */
  takeRemainder(): Buffer {
    const parts = this.#current?.raw ?? [];
    const rest = Buffer.concat([...parts, this.#framer.takeRemainder()]);
    this.#current = undefined;
    this.#skipping = false;
    return rest;
  }

  #onFramed(framed: FramedLine, events: ReplyEvent[]): void {
    if (framed.kind === 'overflow') {
      if (framed.phase === 'end') return;
      if (!this.#skipping) {
        events.push({ kind: 'overflow', what: 'line', limit: framed.limit });
      }
      this.#current = undefined;
      // The head tells whether the lost line was a continuation: then its reply goes on.
      const head = parseReplyLine(framed.head);
      this.#skipping = head.kind === 'line' && head.continues;
      return;
    }
    const head = parseReplyLine(framed.bytes);
    if (head.kind === 'malformed') {
      events.push({ kind: 'malformed', line: framed.bytes, reason: head.reason });
      return;
    }
    if (this.#skipping) {
      this.#skipping = head.continues;
      return;
    }
    this.#addLine(head, framed, events);
  }

  #addLine(
    head: ReplyLineHead,
    framed: Extract<FramedLine, { kind: 'line' }>,
    events: ReplyEvent[],
  ): void {
    const terminator = framed.end === 'CRLF' ? CRLF : LF;
    const reply = this.#current ?? startReply(head);
    const index = reply.lines.length;
    const size = framed.bytes.length + terminator.length;
    const overflow = this.#overflowFor(reply, size);
    if (overflow) {
      events.push(overflow);
      this.#current = undefined;
      this.#skipping = head.continues;
      return;
    }
    reply.lines.push(head.text);
    reply.raw.push(framed.bytes, terminator);
    reply.rawLength += size;
    reply.violations.push(...lineViolations(head, reply.digits, index, framed, size));
    if (head.continues) {
      this.#current = reply;
      return;
    }
    this.#current = undefined;
    events.push({ kind: 'reply', reply: finishReply(reply) });
  }

  #overflowFor(reply: Building, size: number): ReplyEvent | undefined {
    if (reply.lines.length + 1 > this.#limits.maxLines) {
      return { kind: 'overflow', what: 'lines', limit: this.#limits.maxLines };
    }
    if (reply.rawLength + size > this.#limits.maxReplyBytes) {
      return { kind: 'overflow', what: 'bytes', limit: this.#limits.maxReplyBytes };
    }
    return undefined;
  }
}

function startReply(head: ReplyLineHead): Building {
  return { code: head.code, digits: head.digits, lines: [], raw: [], rawLength: 0, violations: [] };
}

function finishReply(b: Building): Reply {
  const reply: Reply = {
    code: b.code,
    lines: b.lines,
    raw: Buffer.concat(b.raw, b.rawLength),
    violations: b.violations,
  };
  // RFC 2034 §4: the enhanced code starts the text, and "All status codes returned by the
  // server must agree with the primary response code": a 2.1.1 in a 550 is only text. As
  // classes are 2, 4 and 5, a 3xx reply never carries one ("3xx responses are NOT included").
  const enhanced = parseEnhancedStatus(b.lines[0] ?? '');
  if (enhanced && enhanced.klass === Math.floor(b.code / 100)) reply.enhanced = enhanced;
  return reply;
}

/** Parses a complete byte string into reply events (tests, fixtures, replay files). */
export function parseReplies(bytes: Buffer, options?: Partial<ReplyParserOptions>): ReplyEvent[] {
  return new ReplyParser(options).push(bytes);
}

/**
 * One-line rendering for messages and reports, e.g. `550 5.7.1 Relaying denied`. Lines of a
 * multiline reply are joined with ` / `; control octets are shown escaped, and the result is
 * cut at `maxLength` characters.
 */
export function replyText(reply: Pick<Reply, 'code' | 'lines'>, maxLength = 300): string {
  const text = reply.lines.map((l) => visibleBytes(Buffer.from(l, 'latin1'))).join(' / ');
  const whole = text.length > 0 ? `${reply.code} ${text}` : String(reply.code);
  return whole.length > maxLength ? `${whole.slice(0, Math.max(0, maxLength - 3))}...` : whole;
}
