/**
 * What the session fuzzer can find, and the error that makes fast-check shrink a
 * sequence. A failure ends the run (fast-check then searches for a shorter sequence);
 * a warning is recorded and the run goes on.
 */

/**
 * - `drop`: the connection closed or reset while a reply was due (RFC 5321 §3.8).
 * - `crash`: after the run, a fresh connection got no 220: the server stopped accepting.
 * - `hang`: no reply (or no close after 221) within the timeout.
 * - `malformed-reply`: a reply the codec flags as breaking RFC 5321 §4.2.
 * - `desync`: more or fewer replies than commands (seen at the final QUIT).
 * - `model`: a reply the simplified model forbids (2xx to RCPT before MAIL, 354 with no
 *   recipient, ...).
 * - `smuggling`: mail data ended by something other than CRLF.CRLF (RFC 5321 §4.1.1.4).
 * - `open-relay`: a foreign recipient accepted from an unauthenticated client.
 * - `starttls-injection`: plaintext pipelined behind STARTTLS was answered, in plaintext
 *   or inside TLS (RFC 3207 §4.2; the CVE-2011-0411 class).
 * - `tls`: the server said 220 to STARTTLS, then the TLS handshake failed.
 * - `error`: the harness itself failed (a bug in smtpspec).
 */
export type FailureKind =
  | 'drop'
  | 'crash'
  | 'hang'
  | 'malformed-reply'
  | 'desync'
  | 'model'
  | 'smuggling'
  | 'open-relay'
  | 'starttls-injection'
  | 'tls'
  | 'error';

/**
 * Observations that break only a SHOULD, a model rule under `--lenient`, or a failure that
 * did not happen again on a re-run (`flaky`: no reproducer can be saved). `policy-close`:
 * the server answered a command other than QUIT with 221 and closed, the way servers turn
 * away clients that look like attacks (RFC 5321 §7.8); §3.8 names 421 for closing early.
 * `oversized-reply`: a reply past the client's caps (a line over 2048 octets, a reply over
 * 1000 lines or 1 MiB); RFC 5321 §4.5.3.1.5's 512 octets bind what a receiver must accept,
 * so a longer reply is graded at most `warn`, as `run` grades it. It ends the run.
 */
export type WarningKind =
  | 'unexpected-code'
  | 'syntax-rejected'
  | 'model'
  | 'open-relay'
  | 'policy-close'
  | 'oversized-reply'
  | 'flaky';

/**
 * Thrown inside a run when a reply was past the client's caps: the run ends there (what
 * followed on the connection cannot be told apart) and a warning is counted, no finding.
 */
export class OversizedReply extends Error {
  override readonly name = 'OversizedReply';
}

/** Thrown inside a run: fast-check sees a failing property and shrinks the sequence. */
export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';
  readonly kind: FailureKind;
  /** Acceptable outcomes, e.g. `['4xx or 5xx (RFC 5321 §4.1.4 ...)']`. */
  readonly expected: string[];
  /** What happened, e.g. `250 2.1.5 Ok`. */
  readonly actual: string;

  constructor(
    kind: FailureKind,
    message: string,
    detail: { expected?: string[]; actual?: string } = {},
  ) {
    super(message);
    this.kind = kind;
    this.expected = detail.expected ?? [];
    this.actual = detail.actual ?? '';
  }

  /** The same failure, re-labelled (e.g. a drop that turned out to be a crash). */
  as(kind: FailureKind, suffix: string): FuzzFailure {
    return new FuzzFailure(kind, `${this.message}${suffix}`, {
      expected: this.expected,
      actual: this.actual,
    });
  }
}

/** A warning seen during a campaign (deduplicated by `key`). */
export interface FuzzWarning {
  kind: WarningKind;
  /** Dedup key: kind, verb and code, e.g. `unexpected-code RSET 252`. */
  key: string;
  message: string;
  /** How many runs saw it. */
  count: number;
  /** The line that drew it, visible. */
  example: string;
}

/** Whether `err` is a {@link FuzzFailure} (by name: fast-check may wrap or copy errors). */
export function isFuzzFailure(err: unknown): err is FuzzFailure {
  return (
    err instanceof Error &&
    err.name === 'FuzzFailure' &&
    typeof (err as FuzzFailure).kind === 'string'
  );
}
