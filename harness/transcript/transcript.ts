/**
 * A bounded, timestamped record of one SMTP session, byte-exact where it keeps bytes.
 */
import { performance } from 'node:perf_hooks';
import { ConfigError } from '../errors.ts';
import {
  type CloseBy,
  type DataEvent,
  DEFAULT_TRANSCRIPT_LIMITS,
  type TlsDetails,
  type TranscriptEvent,
  type TranscriptLimits,
  wireOctets,
} from './events.ts';

const LF = 0x0a;

export interface TranscriptOptions {
  /** Printed in the header, normally the case id (`rfc5321/4.1.4/rcpt-before-mail`). */
  label?: string;
  /** `host:port` (IPv6 in brackets); the client sets it on connect when absent. */
  target?: string;
  /** Wall-clock start printed in the header. Default: now. */
  startedAt?: Date;
  /** Monotonic clock in ms (default `performance.now`); tests pass a fake one. */
  now?: () => number;
  limits?: Partial<TranscriptLimits>;
}

/**
 * Records what crossed the wire. Memory stays bounded whatever the server sends:
 *
 * - a single `C`/`S` event keeps at most `limits.maxEventOctets` octets, its first and last
 *   halves; the middle is recorded as an {@link Elision} (`... N octets elided ...`);
 * - once `limits.maxRetainedOctets` octets or `limits.maxDataEvents` data events are kept,
 *   further data is only counted: a `note` event carrying `omitted` marks the spot, and
 *   consecutive drops add to that same note;
 * - other events are capped at `limits.maxControlEvents` the same way.
 *
 * Kept bytes are always copies, so a retained event never pins a large socket buffer.
 */
export class Transcript {
  readonly startedAt: Date;
  readonly limits: Readonly<TranscriptLimits>;
  label: string | undefined;
  target: string | undefined;
  readonly #now: () => number;
  readonly #t0: number;
  readonly #events: TranscriptEvent[] = [];
  #retained = 0;
  #dataEvents = 0;
  #controlEvents = 0;

  constructor(options: TranscriptOptions = {}) {
    this.label = options.label;
    this.target = options.target;
    this.startedAt = options.startedAt ?? new Date();
    this.limits = validateLimits({ ...DEFAULT_TRANSCRIPT_LIMITS, ...options.limits });
    this.#now = options.now ?? (() => performance.now());
    this.#t0 = this.#now();
  }

  /** Events in order. The array is live: it grows while the session runs. */
  get events(): readonly TranscriptEvent[] {
    return this.#events;
  }

  /** Octets of `C`/`S` data currently kept. */
  get retainedOctets(): number {
    return this.#retained;
  }

  /** Milliseconds since the transcript started. */
  elapsed(): number {
    return this.#now() - this.#t0;
  }

  /** The TCP connection is up; `address` is `host:port` (IPv6 in brackets). */
  connect(address: string): void {
    this.target ??= address;
    this.append({ t: this.elapsed(), kind: 'connect', address });
  }

  /** One client TCP write: one `C` event. */
  client(bytes: Buffer): void {
    this.append({ t: this.elapsed(), kind: 'C', bytes });
  }

  /**
   * One chunk as read from the socket. Split after each LF, so one `S` event is one line;
   * a piece without a final LF is the end of this read, and the line continues in the next
   * `S` event. Thus a read boundary always starts a new event and no event spans two lines.
   */
  server(chunk: Buffer): void {
    const t = this.elapsed();
    let start = 0;
    while (start < chunk.length) {
      const lf = chunk.indexOf(LF, start);
      const end = lf === -1 ? chunk.length : lf + 1;
      this.append({ t, kind: 'S', bytes: chunk.subarray(start, end) });
      start = end;
    }
  }

  tls(details: TlsDetails): void {
    this.append({ t: this.elapsed(), kind: 'tls', tls: details });
  }

  close(by: CloseBy): void {
    this.append({ t: this.elapsed(), kind: 'close', by });
  }

  /** A wait for `what` (e.g. `reply to RCPT`) ran out after `ms` milliseconds. */
  timeout(what: string, ms: number): void {
    this.append({ t: this.elapsed(), kind: 'timeout', what, ms });
  }

  error(code: string, message: string): void {
    this.append({ t: this.elapsed(), kind: 'error', code, message });
  }

  note(text: string): void {
    this.append({ t: this.elapsed(), kind: 'note', text });
  }

  /**
   * Adds an event with its own timestamp (used when rebuilding from JSON). Data events are
   * copied and trimmed to the per-event cap; caps apply as for live recording.
   */
  append(event: TranscriptEvent): void {
    if (event.kind === 'C' || event.kind === 'S') {
      this.#appendData(event);
    } else if (this.#controlEvents >= this.limits.maxControlEvents) {
      this.#omit(event.t, 0);
    } else {
      this.#controlEvents += 1;
      this.#events.push(event);
    }
  }

  /**
   * Adds the events of another connection's transcript (one that ran at the same time),
   * each labelled `conn`, in time order with this transcript's own events.
   */
  absorb(other: Transcript, conn: string): void {
    const shift = other.startedAt.getTime() - this.startedAt.getTime();
    const theirs = other.events.map((e) => ({ ...e, t: Math.max(0, e.t + shift), conn }));
    const mine = this.#events.splice(0);
    this.#retained = 0;
    this.#dataEvents = 0;
    this.#controlEvents = 0;
    let i = 0;
    let j = 0;
    while (i < mine.length || j < theirs.length) {
      const a = mine[i];
      const b = theirs[j];
      if (b === undefined || (a !== undefined && a.t <= b.t)) {
        this.append(a as TranscriptEvent);
        i++;
      } else {
        this.append(b);
        j++;
      }
    }
  }

  #appendData(event: DataEvent): void {
    const kept = trimEvent(event, this.limits.maxEventOctets);
    const full =
      this.#dataEvents >= this.limits.maxDataEvents ||
      this.#retained + kept.bytes.length > this.limits.maxRetainedOctets;
    if (full) {
      this.#omit(event.t, wireOctets(event));
      return;
    }
    this.#dataEvents += 1;
    this.#retained += kept.bytes.length;
    this.#events.push(kept);
  }

  /** Counts a dropped event into the marker note at the end, creating it if needed. */
  #omit(t: number, octets: number): void {
    const last = this.#events[this.#events.length - 1];
    if (last?.kind === 'note' && last.omitted) {
      last.omitted.events += 1;
      last.omitted.octets += octets;
      last.text = omissionText(last.omitted.events, last.omitted.octets);
      return;
    }
    this.#events.push({
      t,
      kind: 'note',
      text: omissionText(1, octets),
      omitted: { events: 1, octets },
    });
  }
}

function omissionText(events: number, octets: number): string {
  return `transcript cap reached: ${events} event(s) with ${octets} octet(s) not recorded`;
}

/**
 * A copy of `event` keeping at most `max` octets: the first and last halves. An event
 * already elided (rebuilt from JSON) keeps its gap inside the new, wider one.
 */
function trimEvent(event: DataEvent, max: number): DataEvent {
  const { bytes, elided } = event;
  if (bytes.length <= max) {
    const copy: DataEvent = { t: event.t, kind: event.kind, bytes: Buffer.from(bytes) };
    if (elided) copy.elided = { ...elided };
    if (event.conn !== undefined) copy.conn = event.conn;
    return copy;
  }
  const gapAt = elided?.at ?? bytes.length;
  const headLen = Math.min(Math.ceil(max / 2), gapAt);
  const tailLen = Math.min(max - Math.ceil(max / 2), bytes.length - (elided ? gapAt : 0));
  const kept = Buffer.concat([bytes.subarray(0, headLen), bytes.subarray(bytes.length - tailLen)]);
  return {
    t: event.t,
    kind: event.kind,
    bytes: kept,
    elided: { at: headLen, octets: bytes.length - kept.length + (elided?.octets ?? 0) },
    ...(event.conn === undefined ? {} : { conn: event.conn }),
  };
}

function validateLimits(limits: TranscriptLimits): Readonly<TranscriptLimits> {
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 2) {
      throw new ConfigError(`must be an integer >= 2, got ${String(value)}`, `limits.${name}`);
    }
  }
  return Object.freeze({ ...limits });
}
