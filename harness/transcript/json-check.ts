/**
 * Field validators for transcript JSON. Each returns a fresh, well-typed value or throws a
 * one-line ConfigError naming the field.
 */
import { ConfigError } from '../errors.ts';
import type { CloseBy, DataEvent, Elision, TlsDetails, TranscriptEvent } from './events.ts';

type JsonObject = Record<string, unknown>;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const CLOSE_BY: readonly CloseBy[] = ['client', 'server', 'reset'];
/** Longest string field accepted (notes, messages, certificate names). */
const MAX_TEXT = 64 * 1024;

export function checkObject(value: unknown, field: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError('must be an object', field);
  }
  return value as JsonObject;
}

export function checkString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ConfigError('must be a string', field);
  if (value.length > MAX_TEXT) throw new ConfigError(`longer than ${MAX_TEXT} characters`, field);
  return value;
}

export function checkOptionalString(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : checkString(value, field);
}

/** A finite, non-negative number. */
export function checkNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError('must be a finite number >= 0', field);
  }
  return value;
}

function checkInteger(value: unknown, field: string): number {
  const n = checkNumber(value, field);
  if (!Number.isSafeInteger(n)) throw new ConfigError('must be an integer', field);
  return n;
}

/** A connection label: short, printable, no spaces (`sink#2`). */
const CONN = /^[A-Za-z0-9#._-]{1,40}$/;

/** One transcript event; `C`/`S` bytes come from `base64` (`visible` is ignored). */
export function checkEvent(value: unknown, field: string): TranscriptEvent {
  const obj = checkObject(value, field);
  const event = checkEventBody(obj, field);
  if (obj.conn === undefined) return event;
  const conn = checkString(obj.conn, `${field}.conn`);
  if (!CONN.test(conn)) throw new ConfigError('not a connection label', `${field}.conn`);
  return { ...event, conn };
}

function checkEventBody(obj: JsonObject, field: string): TranscriptEvent {
  const t = checkNumber(obj.t, `${field}.t`);
  switch (obj.kind) {
    case 'connect':
      return { t, kind: 'connect', address: checkString(obj.address, `${field}.address`) };
    case 'C':
    case 'S':
      return checkDataEvent(obj, t, obj.kind, field);
    case 'tls':
      return { t, kind: 'tls', tls: checkTls(obj.tls, `${field}.tls`) };
    case 'close':
      if (!CLOSE_BY.includes(obj.by as CloseBy)) {
        throw new ConfigError(`must be one of ${CLOSE_BY.join(', ')}`, `${field}.by`);
      }
      return { t, kind: 'close', by: obj.by as CloseBy };
    case 'timeout':
      return {
        t,
        kind: 'timeout',
        what: checkString(obj.what, `${field}.what`),
        ms: checkNumber(obj.ms, `${field}.ms`),
      };
    case 'error':
      return {
        t,
        kind: 'error',
        code: checkString(obj.code, `${field}.code`),
        message: checkString(obj.message, `${field}.message`),
      };
    case 'note':
      return checkNote(obj, t, field);
    default:
      throw new ConfigError(`unknown event kind ${describeKind(obj.kind)}`, `${field}.kind`);
  }
}

/** A short, one-line rendering of an unexpected `kind` value. */
function describeKind(kind: unknown): string {
  return typeof kind === 'string' ? JSON.stringify(kind.slice(0, 40)) : typeof kind;
}

function checkDataEvent(obj: JsonObject, t: number, kind: 'C' | 'S', field: string): DataEvent {
  const b64 = checkString(obj.base64, `${field}.base64`);
  if (!BASE64.test(b64)) throw new ConfigError('not valid base64', `${field}.base64`);
  const bytes = Buffer.from(b64, 'base64');
  const event: DataEvent = { t, kind, bytes };
  if (obj.elided !== undefined) event.elided = checkElision(obj.elided, bytes, `${field}.elided`);
  return event;
}

function checkElision(value: unknown, bytes: Buffer, field: string): Elision {
  const obj = checkObject(value, field);
  const at = checkInteger(obj.at, `${field}.at`);
  if (at > bytes.length) throw new ConfigError('beyond the event bytes', `${field}.at`);
  return { at, octets: checkInteger(obj.octets, `${field}.octets`) };
}

function checkNote(obj: JsonObject, t: number, field: string): TranscriptEvent {
  const text = checkString(obj.text, `${field}.text`);
  if (obj.omitted === undefined) return { t, kind: 'note', text };
  const omitted = checkObject(obj.omitted, `${field}.omitted`);
  return {
    t,
    kind: 'note',
    text,
    omitted: {
      events: checkInteger(omitted.events, `${field}.omitted.events`),
      octets: checkInteger(omitted.octets, `${field}.omitted.octets`),
    },
  };
}

function checkTls(value: unknown, field: string): TlsDetails {
  const obj = checkObject(value, field);
  if (typeof obj.authorized !== 'boolean') {
    throw new ConfigError('must be a boolean', `${field}.authorized`);
  }
  const tls: TlsDetails = {
    protocol: obj.protocol === null ? null : checkString(obj.protocol, `${field}.protocol`),
    cipher: checkString(obj.cipher, `${field}.cipher`),
    authorized: obj.authorized,
  };
  const reason = checkOptionalString(obj.authorizationError, `${field}.authorizationError`);
  if (reason !== undefined) tls.authorizationError = reason;
  if (obj.peerCertificate !== undefined) {
    const cert = checkObject(obj.peerCertificate, `${field}.peerCertificate`);
    const f = (k: string) => checkString(cert[k], `${field}.peerCertificate.${k}`);
    tls.peerCertificate = {
      subject: f('subject'),
      issuer: f('issuer'),
      validFrom: f('validFrom'),
      validTo: f('validTo'),
      fingerprint256: f('fingerprint256'),
    };
  }
  return tls;
}
