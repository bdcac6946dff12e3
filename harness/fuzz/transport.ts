/**
 * How the bytes of one command (or of mail data) go onto the wire: in one TCP write, or
 * cut into several writes with pauses between them. A cut right before the final LF puts
 * the CR and the LF in separate writes, which line framers that look for "\r\n" inside
 * one read get wrong.
 */
import fc from 'fast-check';

/** A way to cut `bytes` into writes. Offsets are resolved against the real length. */
export interface Transport {
  /** Raw cut positions; each becomes `1 + n % (length - 1)`. Empty: one write. */
  cuts: number[];
  /** Cut right before the last octet (between the final CR and LF). */
  splitBeforeLastLf: boolean;
  /** Pause between writes, in ms. */
  pauseMs: number;
}

/** One write, no pause. */
export const WHOLE: Transport = Object.freeze({ cuts: [], splitBeforeLastLf: false, pauseMs: 0 });

/** Options of {@link transport}. */
export interface TransportConstraints {
  /** Relative weight of a single write (default 6 against 1 for a split). */
  wholeWeight?: number;
  /** Longest pause between writes (default 3 ms). */
  maxPauseMs?: number;
}

/** A transport: mostly one write, sometimes a split with short pauses. */
export function transport(c: TransportConstraints = {}): fc.Arbitrary<Transport> {
  const split = fc.record({
    cuts: fc.array(fc.nat(), { maxLength: 3 }),
    splitBeforeLastLf: fc.boolean(),
    // Mostly no pause (the writes still leave as separate segments: TCP_NODELAY); a pause
    // costs every run that has one, and runs per second are what finds bugs.
    pauseMs: fc.oneof(
      { arbitrary: fc.constant(0), weight: 2 },
      { arbitrary: fc.integer({ min: 1, max: c.maxPauseMs ?? 3 }), weight: 1 },
    ),
  });
  return fc.oneof(
    { arbitrary: fc.constant(WHOLE), weight: c.wholeWeight ?? 6 },
    { arbitrary: split, weight: 1 },
  );
}

/** True when `t` sends in one write. */
export function isWhole(t: Transport): boolean {
  return t.cuts.length === 0 && !t.splitBeforeLastLf;
}

/** The writes `bytes` becomes under `t` (never an empty part). */
export function cutBytes(bytes: Buffer, t: Transport): Buffer[] {
  if (bytes.length < 2 || isWhole(t)) return [bytes];
  const at = new Set(t.cuts.map((n) => 1 + (n % (bytes.length - 1))));
  if (t.splitBeforeLastLf) at.add(bytes.length - 1);
  const cuts = [...at].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const cut of cuts) {
    parts.push(bytes.subarray(from, cut));
    from = cut;
  }
  parts.push(bytes.subarray(from));
  return parts;
}

/** Short description for command names: `in 3 writes, 5 ms apart`. */
export function describeTransport(parts: number, t: Transport): string {
  return parts <= 1 ? '' : ` in ${parts} writes${t.pauseMs > 0 ? `, ${t.pauseMs} ms apart` : ''}`;
}
