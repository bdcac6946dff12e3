/**
 * Random identifiers (session, transaction and queue ids) from a pool of random octets
 * filled 4 KiB at a time: as unpredictable as `randomBytes` per id (the octets come from
 * the same CSPRNG), without a call into it for each id of every message.
 */
import { randomFillSync } from 'node:crypto';

const POOL = Buffer.alloc(4096);
let used = POOL.length;

/** `octets` random octets as lower-case hex (at most 64 octets). */
export function randomHex(octets: number): string {
  if (used + octets > POOL.length) {
    randomFillSync(POOL);
    used = 0;
  }
  const hex = POOL.toString('hex', used, used + octets);
  // Each octet is handed out once.
  used += octets;
  return hex;
}
