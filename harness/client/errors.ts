/**
 * Errors the scripted client raises. Each has a stable `code` from harness/errors.ts and a
 * one-line message; callers branch on `code`.
 */
import { ERROR_CODES, SmtpHarnessError } from '../errors.ts';
import { visibleBytes } from '../wire/visible.ts';

/** Longest visible rendering of offending bytes carried in an error. */
export const MAX_VISIBLE_IN_ERROR = 200;

/** Visible form of `bytes`, cut to {@link MAX_VISIBLE_IN_ERROR} characters. */
export function visiblePreview(bytes: Buffer): string {
  const head = bytes.subarray(0, MAX_VISIBLE_IN_ERROR);
  const text = visibleBytes(head);
  const cut = text.length > MAX_VISIBLE_IN_ERROR || head.length < bytes.length;
  return cut ? `${text.slice(0, MAX_VISIBLE_IN_ERROR)}...` : text;
}

/** TCP connect failed (refused, unreachable, name not resolved). */
export class ConnectError extends SmtpHarnessError {
  override readonly name = 'ConnectError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(ERROR_CODES.connect, message, options);
  }
}

/** The server closed the connection (FIN) while we waited for something. */
export class ConnectionClosedError extends SmtpHarnessError {
  override readonly name = 'ConnectionClosedError';
  constructor(message: string) {
    super(ERROR_CODES.closed, message);
  }
}

/** The connection was reset (ECONNRESET, EPIPE, ...). */
export class ConnectionResetError extends SmtpHarnessError {
  override readonly name = 'ConnectionResetError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(ERROR_CODES.reset, message, options);
  }
}

/** A line from the server is not a reply line at all; `bytes` is its visible form (cut). */
export class MalformedReplyError extends SmtpHarnessError {
  override readonly name = 'MalformedReplyError';
  readonly bytes: string;
  readonly reason: string;
  constructor(what: string, line: Buffer, reason: string) {
    const bytes = visiblePreview(line);
    super(ERROR_CODES.malformedReply, `malformed ${what}: ${reason}: "${bytes}"`);
    this.bytes = bytes;
    this.reason = reason;
  }
}

/**
 * A reply ran past a cap: one line longer than `maxLineLength` (`LINE_TOO_LONG`), or more
 * lines or octets than `maxLines` / `maxReplyBytes` (`REPLY_TOO_LARGE`).
 */
export class ReplyOverflowError extends SmtpHarnessError {
  override readonly name = 'ReplyOverflowError';
  readonly what: 'line' | 'lines' | 'bytes';
  readonly limit: number;
  constructor(what: 'line' | 'lines' | 'bytes', limit: number) {
    const message =
      what === 'line'
        ? `server sent a line longer than ${limit} octets`
        : what === 'lines'
          ? `server sent a reply of more than ${limit} lines`
          : `server sent a reply of more than ${limit} octets`;
    super(what === 'line' ? ERROR_CODES.lineTooLong : ERROR_CODES.replyTooLarge, message);
    this.what = what;
    this.limit = limit;
  }
}

/** The TLS handshake or the TLS layer failed. */
export class TlsError extends SmtpHarnessError {
  override readonly name = 'TlsError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(ERROR_CODES.tls, message, options);
  }
}

/** The session cannot do this now (closed, failed earlier, a read already pending). */
export class SessionStateError extends SmtpHarnessError {
  override readonly name = 'SessionStateError';
  constructor(message: string) {
    super(ERROR_CODES.state, message);
  }
}

/** The server sent bytes while it was expected to stay silent; `bytes` is their visible form. */
export class UnexpectedReplyError extends SmtpHarnessError {
  override readonly name = 'UnexpectedReplyError';
  readonly bytes: string;
  constructor(context: string, data: Buffer) {
    const bytes = visiblePreview(data);
    super(
      ERROR_CODES.unexpectedReply,
      `server sent ${data.length} octet(s) ${context}: "${bytes}"`,
    );
    this.bytes = bytes;
  }
}
