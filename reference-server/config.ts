/**
 * Configuration of the reference MTA: types, defaults and validation. Every bad value
 * becomes a `ConfigError` naming the full key (`limits.maxMessageSize: expected a positive
 * integer`); nothing invalid reaches the server.
 */
import { resolve } from 'node:path';
import { ConfigError } from '../harness/errors.ts';
import {
  checkDomain,
  checkDomainOrLiteral,
  checkHostPort,
  checkNetwork,
  readBoolean,
  readChoice,
  readInteger,
  readSection,
  readString,
  readStringList,
  readStringMap,
} from './config-readers.ts';

/** Log levels, most verbose first; `silent` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Limits; all sizes in octets, all times in milliseconds. */
export interface ServerLimits {
  /** Largest message accepted; advertised as `SIZE n` (RFC 1870). */
  maxMessageSize: number;
  /** Recipients per transaction; at least 100 (RFC 5321 §4.5.3.1.8). */
  maxRecipients: number;
  /**
   * Longest text line of message content, CRLF included, a stuffed dot not (RFC 5321
   * §4.5.3.1.6: 1000, which no extension we offer raises; at least 1000). A message with a
   * longer line is refused after its data with `554 5.6.0`; BODY=BINARYMIME has no lines.
   */
  maxLineLength: number;
  /** Concurrent sessions; one more gets `421 4.7.0` and is closed. */
  maxConnections: number;
  /**
   * Concurrent sessions from one client address, at most `maxConnections`; one more gets
   * `421 4.7.0`, so one host cannot take every slot. Default: half of `maxConnections`, but
   * not fewer than 50 (all of them when `maxConnections` is 50 or less).
   */
  maxConnectionsPerClient: number;
  /** Error replies per session before `421` and close. */
  maxErrors: number;
  /** More `Received:` fields than this is a mail loop (RFC 5321 §6.3): `554 5.4.6`. */
  maxReceivedHeaders: number;
  /** Wait for a complete command line (RFC 5321 §4.5.3.2.7: 5 minutes). */
  commandTimeoutMs: number;
  /** Wait for each block of DATA/BDAT content (RFC 5321 §4.5.3.2.5: 3 minutes). */
  dataTimeoutMs: number;
  /**
   * Whole DATA content (or one BDAT chunk), however steadily it arrives: `421 4.4.2` and
   * close after this long (a defence RFC 5321 §7.8 allows; default 1 hour).
   */
  dataDeadlineMs: number;
  /**
   * Least average rate of DATA/BDAT content, octets per second, once `dataRateGraceMs` have
   * passed: below it `421 4.4.2` and close. 0 turns the check off. Default 256 (2 kbit/s).
   */
  minDataRate: number;
  /**
   * How long content may arrive slower than `minDataRate` at its start (default 60 s); at
   * most 5 s while the server is full (session/transfer-clock.ts).
   */
  dataRateGraceMs: number;
  /** Time the message store may take before the final reply (RFC 5321 §4.5.3.2.6: 10 minutes). */
  dataEndTimeoutMs: number;
  /** TLS handshake after `220` to STARTTLS. */
  tlsHandshakeTimeoutMs: number;
  /** Pause before the greeting; input arriving during it marks an early talker (RFC 5321 §4.3.1). */
  greetingDelayMs: number;
  /** Grace period of `stop()` before open sessions get `421` and are closed. */
  shutdownGraceMs: number;
}

/**
 * Delivery status notifications we generate (RFC 3461, RFC 3464), limited so that they
 * cannot carry someone else's content to a forged reverse-path (backscatter).
 */
export interface DsnPolicy {
  /**
   * Largest original returned whole (RET=FULL, or a failure DSN without RET; RFC 3461 §4.3);
   * a larger one is returned as its header section, itself cut to this many octets.
   */
  maxReturnedSize: number;
  /**
   * Who gets SUCCESS (and DELAY) notices, which RFC 3461 §4.1 leaves to the client to ask
   * for: `authorised` a reverse-path in one of our domains, or any reverse-path when the
   * client was allowed to relay (relay.clientNetworks, or authenticated); `all` every
   * reverse-path; `none` nobody. Failure notices are not affected (RFC 5321 §6.1).
   */
  successNotices: 'authorised' | 'all' | 'none';
}

/** The validated configuration. */
export interface ServerConfig {
  listen: { host: string; port: number };
  /** Our name in the greeting, EHLO reply and Received fields. */
  hostname: string;
  /** Domains (and address literals such as `[192.0.2.1]`) we deliver locally. */
  localDomains: string[];
  /** Local parts valid in every local domain, or `user@domain` for one domain only. */
  mailboxes: string[];
  /**
   * Who may relay: clients in `clientNetworks`, authenticated sessions, and anyone for mail
   * to `domains` (domains we are a relay for, e.g. a backup MX or a test sink's domain).
   */
  relay: { clientNetworks: string[]; allowAuthenticated: boolean; domains: string[] };
  /** Next hop per foreign domain, `host:port`; read by the relay client. */
  routes: Record<string, string>;
  /** Root of `spool/` and `maildir/` (absolute). */
  dataDir: string;
  limits: ServerLimits;
  tls: { certFile?: string; keyFile?: string };
  auth: { users: Record<string, string> };
  queue: {
    retryBaseMs: number;
    retryMaxMs: number;
    lifetimeMs: number;
    concurrency: number;
    /**
     * Deliver a message for local mailboxes only (no SUCCESS notice asked) into the Maildirs
     * before the 250, as durably as the spool would hold it, instead of spooling it first.
     */
    deliverLocalAtOnce: boolean;
  };
  dsn: DsnPolicy;
  log: { level: LogLevel };
}

/** What callers may pass: any subset, at any depth. */
export type ServerConfigInput = {
  [K in keyof ServerConfig]?: ServerConfig[K] extends unknown[] | string | number
    ? ServerConfig[K]
    : Partial<ServerConfig[K]>;
};

const MINUTE = 60_000;

/** Defaults (RFC 5321 §4.5.3.2 timeouts, §4.5.4.1 retry strategy). */
export const DEFAULT_CONFIG: Readonly<ServerConfig> = Object.freeze<ServerConfig>({
  listen: { host: '127.0.0.1', port: 2525 },
  hostname: 'mx.smtpspec.test',
  localDomains: ['smtpspec.test'],
  mailboxes: ['alice', 'bob', 'postmaster'],
  // Empty on purpose: the suites test relay refusal from loopback, so not even 127.0.0.1.
  relay: { clientNetworks: [], allowAuthenticated: true, domains: [] },
  routes: {},
  dataDir: 'smtpspec-data',
  limits: {
    maxMessageSize: 10 * 1024 * 1024,
    maxRecipients: 100,
    maxLineLength: 1000,
    maxConnections: 100,
    maxConnectionsPerClient: 50,
    maxErrors: 20,
    // RFC 5321 §6.3: "normally at least 100 Received entries".
    maxReceivedHeaders: 100,
    commandTimeoutMs: 5 * MINUTE,
    dataTimeoutMs: 3 * MINUTE,
    dataDeadlineMs: 60 * MINUTE,
    minDataRate: 256,
    dataRateGraceMs: MINUTE,
    dataEndTimeoutMs: 10 * MINUTE,
    tlsHandshakeTimeoutMs: MINUTE,
    greetingDelayMs: 0,
    shutdownGraceMs: 10_000,
  },
  tls: {},
  auth: { users: {} },
  // RFC 5321 §4.5.4.1: retry at least 30 minutes apart, give up after 4-5 days.
  queue: {
    retryBaseMs: 30 * MINUTE,
    retryMaxMs: 4 * 60 * MINUTE,
    lifetimeMs: 5 * 24 * 60 * MINUTE,
    concurrency: 16,
    deliverLocalAtOnce: true,
  },
  dsn: { maxReturnedSize: 64 * 1024, successNotices: 'authorised' },
  log: { level: 'info' },
});

const TOP_KEYS = [
  'listen',
  'hostname',
  'localDomains',
  'mailboxes',
  'relay',
  'routes',
  'dataDir',
  'limits',
  'tls',
  'auth',
  'queue',
  'dsn',
  'log',
] as const;

/**
 * Validates `input` (a parsed file or a caller's object) over the defaults. Relative
 * paths (`dataDir`, `tls.*File`) resolve against `baseDir` (default: the working directory).
 * Throws `ConfigError` naming the first bad key.
 */
export function resolveConfig(
  input: unknown = {},
  options: { baseDir?: string } = {},
): ServerConfig {
  const root = readSection(input, '', TOP_KEYS);
  const baseDir = options.baseDir ?? process.cwd();
  const d = DEFAULT_CONFIG;
  const localDomains = readStringList(
    root.localDomains,
    'localDomains',
    d.localDomains,
    checkDomainOrLiteral,
  );
  return {
    listen: readListen(root.listen),
    hostname: checkDomain(readString(root.hostname, 'hostname', d.hostname), 'hostname'),
    localDomains,
    mailboxes: readStringList(root.mailboxes, 'mailboxes', d.mailboxes, (item, key) =>
      checkMailbox(item, key, localDomains),
    ),
    relay: readRelay(root.relay),
    routes: readStringMap(root.routes, 'routes', (domain, target, key) => [
      checkDomainOrLiteral(domain, key),
      checkHostPort(target, key),
    ]),
    dataDir: resolve(baseDir, readString(root.dataDir, 'dataDir', d.dataDir)),
    limits: readLimits(root.limits),
    tls: readTls(root.tls, baseDir),
    auth: readAuth(root.auth),
    queue: readQueue(root.queue),
    dsn: readDsn(root.dsn),
    log: readLog(root.log),
  };
}

function readListen(value: unknown): ServerConfig['listen'] {
  const s = readSection(value, 'listen', ['host', 'port']);
  const host = readString(s.host, 'listen.host', DEFAULT_CONFIG.listen.host);
  const port = readInteger(s.port, 'listen.port', DEFAULT_CONFIG.listen.port, 0);
  if (port > 65535)
    throw new ConfigError('expected a port number 0-65535 (0: any free port)', 'listen.port');
  return { host, port };
}

// RFC 5321 §4.1.2 Dot-string atoms; mailboxes here name our own users, so keep them simple.
const LOCAL_PART = /^[A-Za-z0-9!#$&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$&'*+/=?^_`{|}~-]+)*$/;

function checkMailbox(item: string, key: string, localDomains: readonly string[]): string {
  const at = item.lastIndexOf('@');
  const local = at === -1 ? item : item.slice(0, at);
  if (!LOCAL_PART.test(local) || local.length > 64) {
    throw new ConfigError(
      `'${item}' is not a local part (or local@domain) of at most 64 octets`,
      key,
    );
  }
  if (at === -1) return local;
  const domain = checkDomainOrLiteral(item.slice(at + 1), key);
  if (!localDomains.includes(domain)) {
    throw new ConfigError(`domain of '${item}' is not in localDomains`, key);
  }
  return `${local}@${domain}`;
}

function readRelay(value: unknown): ServerConfig['relay'] {
  const s = readSection(value, 'relay', ['clientNetworks', 'allowAuthenticated', 'domains']);
  return {
    clientNetworks: readStringList(s.clientNetworks, 'relay.clientNetworks', [], checkNetwork),
    allowAuthenticated: readBoolean(s.allowAuthenticated, 'relay.allowAuthenticated', true),
    domains: readStringList(s.domains, 'relay.domains', [], checkDomain),
  };
}

const LIMIT_KEYS = Object.keys(DEFAULT_CONFIG.limits) as (keyof ServerLimits)[];

function readLimits(value: unknown): ServerLimits {
  const s = readSection(value, 'limits', LIMIT_KEYS);
  const out = { ...DEFAULT_CONFIG.limits };
  const zeroOk = new Set(['greetingDelayMs', 'shutdownGraceMs', 'minDataRate', 'dataRateGraceMs']);
  for (const key of LIMIT_KEYS) {
    out[key] = readInteger(s[key], `limits.${key}`, out[key], zeroOk.has(key) ? 0 : 1);
  }
  if (s.maxConnectionsPerClient === undefined)
    out.maxConnectionsPerClient = Math.max(
      Math.ceil(out.maxConnections / 2),
      Math.min(50, out.maxConnections),
    );
  else if (out.maxConnectionsPerClient > out.maxConnections) {
    throw new ConfigError(
      'must be at most limits.maxConnections',
      'limits.maxConnectionsPerClient',
    );
  }
  // RFC 5321 §4.5.3.1.8: "The minimum total number of recipients that MUST be buffered is 100".
  // RFC 5321 §4.5.3.1.6 / §4.5.3.1: every implementation MUST take 1000-octet text lines.
  if (out.maxLineLength < 1000) {
    throw new ConfigError('must be at least 1000 (RFC 5321 §4.5.3.1.6)', 'limits.maxLineLength');
  }
  if (out.maxRecipients < 100) {
    throw new ConfigError('must be at least 100 (RFC 5321 §4.5.3.1.8)', 'limits.maxRecipients');
  }
  return out;
}

function readTls(value: unknown, baseDir: string): ServerConfig['tls'] {
  const s = readSection(value, 'tls', ['certFile', 'keyFile']);
  const certFile = readString(s.certFile, 'tls.certFile');
  const keyFile = readString(s.keyFile, 'tls.keyFile');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    const missing = certFile === undefined ? 'tls.certFile' : 'tls.keyFile';
    throw new ConfigError('set both tls.certFile and tls.keyFile, or neither', missing);
  }
  if (certFile === undefined || keyFile === undefined) return {};
  return { certFile: resolve(baseDir, certFile), keyFile: resolve(baseDir, keyFile) };
}

function readAuth(value: unknown): ServerConfig['auth'] {
  const s = readSection(value, 'auth', ['users']);
  return { users: readStringMap(s.users, 'auth.users', (user, password) => [user, password]) };
}

function readQueue(value: unknown): ServerConfig['queue'] {
  const s = readSection(value, 'queue', [
    'retryBaseMs',
    'retryMaxMs',
    'lifetimeMs',
    'concurrency',
    'deliverLocalAtOnce',
  ]);
  const d = DEFAULT_CONFIG.queue;
  const queue = {
    retryBaseMs: readInteger(s.retryBaseMs, 'queue.retryBaseMs', d.retryBaseMs),
    retryMaxMs: readInteger(s.retryMaxMs, 'queue.retryMaxMs', d.retryMaxMs),
    lifetimeMs: readInteger(s.lifetimeMs, 'queue.lifetimeMs', d.lifetimeMs),
    concurrency: readInteger(s.concurrency, 'queue.concurrency', d.concurrency),
    deliverLocalAtOnce: readBoolean(
      s.deliverLocalAtOnce,
      'queue.deliverLocalAtOnce',
      d.deliverLocalAtOnce,
    ),
  };
  if (queue.retryMaxMs < queue.retryBaseMs) {
    throw new ConfigError('must be >= queue.retryBaseMs', 'queue.retryMaxMs');
  }
  return queue;
}

function readDsn(value: unknown): DsnPolicy {
  const s = readSection(value, 'dsn', ['maxReturnedSize', 'successNotices']);
  const d = DEFAULT_CONFIG.dsn;
  const choices = ['authorised', 'all', 'none'] as const;
  return {
    // Below 1 KiB not even a short header section would fit.
    maxReturnedSize: readInteger(s.maxReturnedSize, 'dsn.maxReturnedSize', d.maxReturnedSize, 1024),
    successNotices: readChoice(s.successNotices, 'dsn.successNotices', choices, d.successNotices),
  };
}

function readLog(value: unknown): ServerConfig['log'] {
  const s = readSection(value, 'log', ['level']);
  const levels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
  return { level: readChoice(s.level, 'log.level', levels, DEFAULT_CONFIG.log.level) };
}
