/**
 * The JSON form of a transcript (bytes as base64 plus their visible rendering), and the
 * validating parser back from it, used by `smtpspec replay` and result merging.
 */
import { ConfigError } from '../errors.ts';
import { visibleBytes } from '../wire/visible.ts';
import type { Elision, TranscriptEvent, TranscriptLimits } from './events.ts';
import { checkEvent, checkNumber, checkObject, checkOptionalString } from './json-check.ts';
import { Transcript } from './transcript.ts';

export const TRANSCRIPT_JSON_FORMAT = 'smtpspec-transcript';
export const TRANSCRIPT_JSON_VERSION = 1;

/** A `C`/`S` event in JSON: `base64` is authoritative, `visible` is for people. */
export interface DataEventJson {
  t: number;
  kind: 'C' | 'S';
  base64: string;
  visible: string;
  elided?: Elision;
  conn?: string;
}

export type TranscriptEventJson = Exclude<TranscriptEvent, { kind: 'C' | 'S' }> | DataEventJson;

export interface TranscriptJson {
  format: typeof TRANSCRIPT_JSON_FORMAT;
  version: typeof TRANSCRIPT_JSON_VERSION;
  label?: string;
  target?: string;
  /** ISO-8601. */
  startedAt: string;
  limits: TranscriptLimits;
  events: TranscriptEventJson[];
}

/** The JSON-serialisable form of `transcript` (pass it to `JSON.stringify`). */
export function transcriptToJson(transcript: Transcript): TranscriptJson {
  const json: TranscriptJson = {
    format: TRANSCRIPT_JSON_FORMAT,
    version: TRANSCRIPT_JSON_VERSION,
    startedAt: transcript.startedAt.toISOString(),
    limits: { ...transcript.limits },
    events: transcript.events.map(eventToJson),
  };
  if (transcript.label !== undefined) json.label = transcript.label;
  if (transcript.target !== undefined) json.target = transcript.target;
  return json;
}

function eventToJson(event: TranscriptEvent): TranscriptEventJson {
  if (event.kind !== 'C' && event.kind !== 'S') return structuredClone(event);
  const json: DataEventJson = {
    t: event.t,
    kind: event.kind,
    base64: event.bytes.toString('base64'),
    visible: visibleBytes(event.bytes),
  };
  if (event.elided) json.elided = { ...event.elided };
  if (event.conn !== undefined) json.conn = event.conn;
  return json;
}

/**
 * Parses JSON text into a transcript. Bad input throws a one-line {@link ConfigError}
 * naming the field (`events[3].base64: ...`).
 */
export function parseTranscriptJson(text: string): Transcript {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`not valid JSON (${(err as Error).message})`, 'transcript');
  }
  return transcriptFromJson(value);
}

/**
 * Rebuilds a transcript from an already-parsed JSON value, validating every field.
 * The transcript's caps apply while rebuilding, so a forged file cannot exceed them.
 */
export function transcriptFromJson(value: unknown): Transcript {
  const root = checkObject(value, 'transcript');
  if (root.format !== TRANSCRIPT_JSON_FORMAT) {
    throw new ConfigError(`must be "${TRANSCRIPT_JSON_FORMAT}"`, 'format');
  }
  if (root.version !== TRANSCRIPT_JSON_VERSION) {
    throw new ConfigError(`unsupported version ${String(root.version)}`, 'version');
  }
  const startedAt = new Date(typeof root.startedAt === 'string' ? root.startedAt : Number.NaN);
  if (Number.isNaN(startedAt.getTime())) {
    throw new ConfigError('must be an ISO-8601 date', 'startedAt');
  }
  if (!Array.isArray(root.events)) throw new ConfigError('must be an array', 'events');
  const transcript = new Transcript({
    label: checkOptionalString(root.label, 'label'),
    target: checkOptionalString(root.target, 'target'),
    startedAt,
    limits: root.limits === undefined ? undefined : checkLimits(root.limits),
  });
  root.events.forEach((raw: unknown, i: number) => {
    transcript.append(checkEvent(raw, `events[${i}]`));
  });
  return transcript;
}

function checkLimits(value: unknown): Partial<TranscriptLimits> {
  const obj = checkObject(value, 'limits');
  const limits: Partial<TranscriptLimits> = {};
  for (const key of [
    'maxEventOctets',
    'maxRetainedOctets',
    'maxDataEvents',
    'maxControlEvents',
  ] as const) {
    if (obj[key] !== undefined) limits[key] = checkNumber(obj[key], `limits.${key}`);
  }
  return limits;
}
