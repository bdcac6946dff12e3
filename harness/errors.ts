/**
 * Typed errors shared by the whole project. Callers branch on `err.code`, never on
 * `instanceof` (two copies of a library break `instanceof`; a string code does not).
 */

/** Every stable error code the project can raise. Add new codes here, never reuse one. */
export const ERROR_CODES = {
  /** A wait (greeting, reply, close, TLS handshake, connect) ran past its timeout. */
  timeout: 'SMTPSPEC_ERR_TIMEOUT',
  /** TCP connect failed (refused, unreachable, DNS). */
  connect: 'SMTPSPEC_ERR_CONNECT',
  /** The peer closed the connection while we were waiting for bytes. */
  closed: 'SMTPSPEC_ERR_CLOSED',
  /** The connection was reset (ECONNRESET, EPIPE) mid-exchange. */
  reset: 'SMTPSPEC_ERR_RESET',
  /** A single line exceeded the configured cap before its CRLF arrived. */
  lineTooLong: 'SMTPSPEC_ERR_LINE_TOO_LONG',
  /** A multi-line reply exceeded the configured line count or byte cap. */
  replyTooLarge: 'SMTPSPEC_ERR_REPLY_TOO_LARGE',
  /** Bytes from the server could not be read as an SMTP reply at all. */
  malformedReply: 'SMTPSPEC_ERR_MALFORMED_REPLY',
  /** TLS negotiation or the TLS layer failed. */
  tls: 'SMTPSPEC_ERR_TLS',
  /** A command line does not match the RFC 5321 §4.1 grammar. */
  commandSyntax: 'SMTPSPEC_ERR_COMMAND_SYNTAX',
  /** An RFC 5321 §4.5.3.1 size limit (local part, domain, path, line) was exceeded. */
  limit: 'SMTPSPEC_ERR_LIMIT',
  /** Message content exceeded the size cap while arriving. */
  dataTooLarge: 'SMTPSPEC_ERR_DATA_TOO_LARGE',
  /** Bytes arrived where the server was expected to stay silent (expectNoReply). */
  unexpectedReply: 'SMTPSPEC_ERR_UNEXPECTED_REPLY',
  /** The session was used in a way its state does not allow (e.g. send after close). */
  state: 'SMTPSPEC_ERR_STATE',
  /** Bad command-line usage. */
  usage: 'SMTPSPEC_ERR_USAGE',
  /** Invalid configuration, scenario or suite file. */
  config: 'SMTPSPEC_ERR_CONFIG',
  /** The reference MTA's spool could not store, read or recover mail. */
  spool: 'SMTPSPEC_ERR_SPOOL',
  /** Container runtime (Docker) unreachable or a container failed to start. */
  container: 'SMTPSPEC_ERR_CONTAINER',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** Base class of every error the project throws on purpose. */
export class SmtpHarnessError extends Error {
  override readonly name: string = 'SmtpHarnessError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A wait ran past its deadline. `what` names the wait ("greeting", "reply to RCPT", ...). */
export class TimeoutError extends SmtpHarnessError {
  override readonly name = 'TimeoutError';
  readonly what: string;
  readonly timeoutMs: number;

  /** `detail` is added after the figure: `no reply within 30000 ms, though bytes kept arriving`. */
  constructor(what: string, timeoutMs: number, detail?: string) {
    super(ERROR_CODES.timeout, `no ${what} within ${timeoutMs} ms${detail ? `, ${detail}` : ''}`);
    this.what = what;
    this.timeoutMs = timeoutMs;
  }
}

/** Configuration, suite or scenario input that does not validate. `field` names the bad field. */
export class ConfigError extends SmtpHarnessError {
  override readonly name = 'ConfigError';
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(ERROR_CODES.config, field ? `${field}: ${message}` : message);
    this.field = field;
  }
}

/**
 * Several configuration errors found at once (every error of a suite file): one line
 * each in `problems`, all of them in the message.
 */
export class ConfigErrors extends SmtpHarnessError {
  override readonly name = 'ConfigErrors';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(ERROR_CODES.config, problems.join('\n'));
    this.problems = problems;
  }
}

/** Bad command-line usage; the CLI prints the message and exits 2. */
export class UsageError extends SmtpHarnessError {
  override readonly name = 'UsageError';

  constructor(message: string) {
    super(ERROR_CODES.usage, message);
  }
}

/**
 * No connection to the target could be made when the run started: no case could run.
 * The CLI says so in one line and exits 2.
 */
export class TargetUnavailableError extends SmtpHarnessError {
  override readonly name = 'TargetUnavailableError';
  readonly address: string;

  constructor(address: string, reason: string) {
    super(ERROR_CODES.connect, reason);
    this.address = address;
  }
}

/** True when `err` is one of ours with the given code. */
export function hasErrorCode(err: unknown, code: ErrorCode): err is SmtpHarnessError {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/** One line describing any thrown value, for console output and result messages. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}
