/**
 * Queue ids: unique, sortable by arrival, and not guessable from one another.
 */
import { randomHex } from '../random-id.ts';

/** Base-36 milliseconds, fixed width so that ids sort by time as strings (good until 5188). */
const TIME_WIDTH = 9;
const QUEUE_ID = /^[0-9a-z]{9}[0-9a-f]{16}$/;

/**
 * A new queue id: 9 base-36 characters of the current time in ms, then 64 random bits in
 * hex (`0mij6t9z4` + `a1b2c3d4e5f60718`). Safe as a file name and as a Received `id` Atom.
 */
export function newQueueId(now: number = Date.now()): string {
  const time = Math.max(0, Math.floor(now)).toString(36).padStart(TIME_WIDTH, '0');
  return `${time}${randomHex(8)}`;
}

/** True for a string {@link newQueueId} could have made; spool file names are checked with it. */
export function isQueueId(text: string): boolean {
  return QUEUE_ID.test(text);
}
