/**
 * Where a case's files live inside the output directory, and the checks that keep a
 * hostile or odd case id (`../../etc/x`, `/abs`, NUL, `C:\x`) from escaping it.
 *
 * An id's slashes become directories: `rfc5321/4.1.4/rcpt-before-mail` is written to
 * `transcripts/rfc5321/4.1.4/rcpt-before-mail.txt`. Each segment must be non-empty, not
 * `.` or `..`, and use only `A-Z a-z 0-9 . _ + -` (portable on every file system, no
 * separators, no drive letters, no control characters).
 */
import { ConfigError } from '../errors.ts';

const SEGMENT = /^[A-Za-z0-9._+-]+$/;
const MAX_ID_LENGTH = 200;

/**
 * Why `id` cannot be used as a relative file path, or `undefined` if it can.
 * Pure check; {@link assertSafeId} throws with this reason.
 */
export function unsafeIdReason(id: string): string | undefined {
  if (id === '') return 'is empty';
  if (id.length > MAX_ID_LENGTH) return `is longer than ${MAX_ID_LENGTH} characters`;
  if (id.includes('\u0000')) return 'contains NUL';
  if (id.startsWith('/') || id.startsWith('\\')) return 'is an absolute path';
  const segments = id.split('/');
  for (const segment of segments) {
    if (segment === '') return 'has an empty path segment';
    if (segment === '.' || segment === '..') return `has a "${segment}" path segment`;
    if (!SEGMENT.test(segment)) {
      return `segment ${JSON.stringify(segment)} may only use A-Z a-z 0-9 . _ + -`;
    }
  }
  return undefined;
}

/** Throws a `ConfigError` naming the id when it is not safe as a relative path. */
export function assertSafeId(id: string): void {
  const reason = unsafeIdReason(id);
  if (reason !== undefined) {
    throw new ConfigError(`unsafe case id: ${reason}`, `id ${JSON.stringify(id)}`);
  }
}

/**
 * Path of the text transcript of case `id`, relative to the output directory, with `/`
 * separators: `transcripts/<id>.txt`. The runner uses this for `CaseResult.transcript`.
 * Throws a `ConfigError` for an unsafe id.
 */
export function transcriptPath(id: string): string {
  assertSafeId(id);
  return `transcripts/${id}.txt`;
}

/** Path of the machine-readable (JSON events) transcript of case `id`: `transcripts/<id>.json`. */
export function transcriptJsonPath(id: string): string {
  assertSafeId(id);
  return `transcripts/${id}.json`;
}

/**
 * True when `path` is a relative `/`-separated path that stays inside the directory it is
 * resolved against (same segment rules as ids). Reports use it before turning a result's
 * `transcript` field into a link.
 */
export function isSafeRelativePath(path: string): boolean {
  return unsafeIdReason(path) === undefined;
}
