/**
 * Records errors in the transcript exactly once, however many layers see them.
 */
import { ERROR_CODES, SmtpHarnessError, TimeoutError } from '../errors.ts';
import type { Transcript } from '../transcript/transcript.ts';

const recorded = new WeakSet<object>();

/**
 * Adds `err` to the transcript (a `timeout` event for a timeout, else an `error` event),
 * unless it was recorded already. State errors are caller mistakes, not wire events.
 */
export function recordError(transcript: Transcript, err: unknown): void {
  if (!(err instanceof SmtpHarnessError) || recorded.has(err)) return;
  recorded.add(err);
  if (err.code === ERROR_CODES.state) return;
  if (err instanceof TimeoutError) transcript.timeout(err.what, err.timeoutMs);
  else transcript.error(err.code, err.message);
}
