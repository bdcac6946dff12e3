/**
 * The error the spool and the queue raise: bad input to `accept`, a record that does not
 * parse, a file-system failure, or use before (or a second) `start()`.
 */
import { ERROR_CODES, SmtpHarnessError } from '../../harness/errors.ts';

/** Why a spool operation failed; stable, for callers and logs. */
export type SpoolFailure =
  | 'invalid-envelope'
  | 'corrupt-record'
  | 'io'
  | 'not-started'
  | 'already-started';

/** A spool or queue failure (`SMTPSPEC_ERR_SPOOL`); `failure` says which kind it is. */
export class SpoolError extends SmtpHarnessError {
  override readonly name = 'SpoolError';
  readonly failure: SpoolFailure;

  constructor(failure: SpoolFailure, message: string, options?: { cause?: unknown }) {
    super(ERROR_CODES.spool, message, options);
    this.failure = failure;
  }
}

/** Wraps a Node file-system error as a one-line SpoolError naming the action. */
export function ioError(action: string, err: unknown): SpoolError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const detail = code ?? (err instanceof Error ? err.message.split('\n')[0] : String(err));
  return new SpoolError('io', `spool: cannot ${action}: ${detail}`, { cause: err });
}
