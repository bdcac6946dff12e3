/**
 * The transcript event model: what crossed the wire, in order, with timestamps.
 * Nothing is normalised: `C` and `S` events carry the exact octets.
 */

/** Who ended the connection: we did, the server did (FIN), or it was reset (RST/EPIPE). */
export type CloseBy = 'client' | 'server' | 'reset';

/** The peer certificate as reported, informational only (we test servers, not PKI). */
export interface PeerCertificateInfo {
  /** Subject distinguished name, e.g. `CN=localhost`. */
  subject: string;
  /** Issuer distinguished name. */
  issuer: string;
  /** Validity start as reported by OpenSSL, e.g. `Nov 28 16:00:00 2026 GMT`. */
  validFrom: string;
  /** Validity end. */
  validTo: string;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string;
}

/** What the TLS layer negotiated. */
export interface TlsDetails {
  /** e.g. `TLSv1.3`; null if unknown. */
  protocol: string | null;
  /** Cipher suite name, e.g. `TLS_AES_256_GCM_SHA384`. */
  cipher: string;
  /** Whether the certificate chain verified against the trust store. */
  authorized: boolean;
  /** Why the chain did not verify (e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`), if it did not. */
  authorizationError?: string;
  /** Absent when the server sent no certificate. */
  peerCertificate?: PeerCertificateInfo;
}

/**
 * Octets removed from the middle of a long `C`/`S` event: `bytes.subarray(0, at)` is the
 * head, `bytes.subarray(at)` the tail, and `octets` octets were between them on the wire.
 */
export interface Elision {
  at: number;
  octets: number;
}

/** Counts of what was not recorded because the transcript reached a cap. */
export interface Omission {
  /** How many events were dropped (mostly `C`/`S`). */
  events: number;
  /** How many wire octets those events carried. */
  octets: number;
}

/**
 * Every event has `t`: milliseconds since the transcript started (fractional). `conn`
 * names another connection the event belongs to when a transcript shows more than one
 * (a relay-through case: `sink#2` is the target's connection to the harness's sink, on
 * which the target is the client `C` and the sink the server `S`); absent for the
 * transcript's own connection.
 */
export type TranscriptEvent = TranscriptEventBody & { conn?: string };

/** The events of one connection, without their connection label. */
export type TranscriptEventBody =
  | { t: number; kind: 'connect'; address: string }
  /** One TCP write by the client (after TLS: one write of plaintext). */
  | { t: number; kind: 'C'; bytes: Buffer; elided?: Elision }
  /** One received line, or the fragment of a line a single read ended or started with. */
  | { t: number; kind: 'S'; bytes: Buffer; elided?: Elision }
  | { t: number; kind: 'tls'; tls: TlsDetails }
  | { t: number; kind: 'close'; by: CloseBy }
  /** A wait ended without what it awaited; `what` is e.g. `reply to RCPT`. */
  | { t: number; kind: 'timeout'; what: string; ms: number }
  /** A typed error ended a wait; `code` is one of harness/errors.ts. */
  | { t: number; kind: 'error'; code: string; message: string }
  /** Free text, or (with `omitted`) the marker left where the data cap dropped events. */
  | { t: number; kind: 'note'; text: string; omitted?: Omission };

export type TranscriptEventKind = TranscriptEvent['kind'];

/** A `C` or `S` event. */
export type DataEvent = Extract<TranscriptEvent, { kind: 'C' | 'S' }>;

/** Total wire octets a data event stands for, elided ones included. */
export function wireOctets(event: DataEvent): number {
  return event.bytes.length + (event.elided?.octets ?? 0);
}

/** Caps that keep a transcript bounded whatever a server sends. */
export interface TranscriptLimits {
  /**
   * Octets kept of one `C`/`S` event: its first half and last half; the middle is elided.
   * Default 2048 (the first and the last KiB).
   */
  maxEventOctets: number;
  /** Octets of `C`/`S` data kept in the whole transcript. Default 1 MiB. */
  maxRetainedOctets: number;
  /** Number of `C`/`S` events kept. Default 20 000. */
  maxDataEvents: number;
  /** Number of other events kept (connect, tls, close, timeout, error, note). Default 10 000. */
  maxControlEvents: number;
}

export const DEFAULT_TRANSCRIPT_LIMITS: Readonly<TranscriptLimits> = Object.freeze({
  maxEventOctets: 2048,
  maxRetainedOctets: 1024 * 1024,
  maxDataEvents: 20_000,
  maxControlEvents: 10_000,
});
