/**
 * Options of the scripted client, their defaults and validation.
 */
import { isIPv6 } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { ConfigError } from '../errors.ts';
import type { Transcript } from '../transcript/transcript.ts';
import { DEFAULT_REPLY_LIMITS, type ReplyParserOptions } from '../wire/reply.ts';

export interface ClientOptions {
  /** Host name or IP literal (IPv6 without brackets, e.g. `::1`). */
  host: string;
  port: number;
  /** `implicit`: TLS from the first byte (SMTPS, RFC 8314 §3.3). Default `none`. */
  tls?: 'none' | 'implicit';
  /**
   * Passed to `tls.connect` for implicit TLS and STARTTLS. Default `rejectUnauthorized:
   * false`: we test servers, and report their certificate as information.
   */
  tlsOptions?: ConnectionOptions;
  /** TCP connect and TLS handshake timeout. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** Wait for one reply, and for one write to be taken by the socket. Default 10 000 ms. */
  replyTimeoutMs?: number;
  /** Reply parser caps; defaults from harness/wire/reply.ts (`DEFAULT_REPLY_LIMITS`). */
  limits?: { maxLineLength?: number; maxLines?: number; maxReplyBytes?: number };
  /** Record into this transcript (e.g. one shared by the runner); default a new one. */
  transcript?: Transcript;
  /** Label of a new transcript (the case id). */
  label?: string;
  /** Pause between the parts of a multi-part `sendRaw`. Default 50 ms. */
  partPauseMs?: number;
}

/** Options after defaults; what the session uses. */
export interface ResolvedClientOptions {
  host: string;
  port: number;
  tls: 'none' | 'implicit';
  tlsOptions: ConnectionOptions;
  connectTimeoutMs: number;
  replyTimeoutMs: number;
  limits: ReplyParserOptions;
  partPauseMs: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_REPLY_TIMEOUT_MS = 10_000;
export const DEFAULT_PART_PAUSE_MS = 50;
/** setTimeout's largest delay. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Checks a timeout or pause: an integer number of ms in 0..MAX_TIMEOUT_MS. */
export function checkMs(value: number, field: string, min = 1): number {
  if (!Number.isSafeInteger(value) || value < min || value > MAX_TIMEOUT_MS) {
    throw new ConfigError(`must be an integer from ${min} to ${MAX_TIMEOUT_MS} (ms)`, field);
  }
  return value;
}

/** Applies defaults and validates; bad values throw a one-line ConfigError. */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  if (typeof options.host !== 'string' || options.host.length === 0) {
    throw new ConfigError('must be a non-empty host name or IP address', 'host');
  }
  if (!Number.isSafeInteger(options.port) || options.port < 1 || options.port > 65535) {
    throw new ConfigError('must be an integer from 1 to 65535', 'port');
  }
  const tls = options.tls ?? 'none';
  if (tls !== 'none' && tls !== 'implicit') {
    throw new ConfigError(`must be 'none' or 'implicit'`, 'tls');
  }
  const limits = { ...DEFAULT_REPLY_LIMITS, ...options.limits };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 2) {
      throw new ConfigError('must be an integer >= 2', `limits.${name}`);
    }
  }
  return {
    host: options.host,
    port: options.port,
    tls,
    tlsOptions: { rejectUnauthorized: false, ...options.tlsOptions },
    connectTimeoutMs: checkMs(
      options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      'connectTimeoutMs',
    ),
    replyTimeoutMs: checkMs(options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS, 'replyTimeoutMs'),
    limits,
    partPauseMs: checkMs(options.partPauseMs ?? DEFAULT_PART_PAUSE_MS, 'partPauseMs', 0),
  };
}

/** `host:port`, with an IPv6 literal in brackets (`[::1]:25`). */
export function formatAddress(host: string, port: number): string {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
