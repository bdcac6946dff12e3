/**
 * Cutting bytes into TCP writes of a fixed size, for scenarios that probe how a server
 * frames input arriving in pieces: TCP is a byte stream and only CRLF ends a line (RFC 5321
 * §2.3.8), so where the writes end must not change what the server does.
 */
import { ConfigError } from '../errors.ts';

/** Most writes one chopped send may make: bounds the loop, the time and the transcript. */
export const MAX_CHOPPED_WRITES = 4096;

/**
 * `data` as consecutive pieces of `size` octets (the last may be shorter), sharing its
 * memory. Empty data is one empty piece. Throws a ConfigError for a size that is not a
 * positive integer, or when the pieces would be more than {@link MAX_CHOPPED_WRITES}.
 */
export function chopOctets(data: Buffer, size: number): Buffer[] {
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new ConfigError(`expected a positive integer number of octets, got ${size}`, 'chop');
  }
  const count = Math.ceil(data.length / size);
  if (count > MAX_CHOPPED_WRITES) {
    throw new ConfigError(
      `${data.length} octets in pieces of ${size} would make ${count} writes, more than ${MAX_CHOPPED_WRITES}`,
      'chop',
    );
  }
  if (data.length === 0) return [data];
  const pieces: Buffer[] = [];
  for (let at = 0; at < data.length; at += size) pieces.push(data.subarray(at, at + size));
  return pieces;
}
