/**
 * Small typed readers for untrusted configuration input (a JSON/YAML file or a caller's
 * object). Each reader either returns a value of the expected type or throws a
 * `ConfigError` whose field is the full dotted key, e.g. `limits.maxMessageSize`.
 */
import { isIP } from 'node:net';
import { ConfigError } from '../harness/errors.ts';

/** A plain object read from config input. */
export type ConfigObject = Record<string, unknown>;

/** `path` joined with `key`: `join('limits', 'maxErrors')` is `limits.maxErrors`. */
export function joinKey(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** True for a non-null, non-array object. */
export function isPlainObject(value: unknown): value is ConfigObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an object (absent: `{}`), rejecting keys outside `allowed` so typos are caught. */
export function readSection(
  value: unknown,
  path: string,
  allowed: readonly string[],
): ConfigObject {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new ConfigError('expected an object', path || 'config');
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(
        `unknown key (expected one of ${allowed.join(', ')})`,
        joinKey(path, key),
      );
    }
  }
  return value;
}

/** A positive integer (>= `min`, default 1); `fallback` when absent. */
export function readInteger(value: unknown, key: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const what =
      min === 1 ? 'a positive integer' : min === 0 ? 'an integer >= 0' : `an integer >= ${min}`;
    throw new ConfigError(`expected ${what}`, key);
  }
  return value;
}

/** A boolean; `fallback` when absent. */
export function readBoolean(value: unknown, key: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ConfigError('expected true or false', key);
  return value;
}

/** A non-empty string without control characters; `fallback` when absent. */
export function readString(value: unknown, key: string, fallback: string): string;
export function readString(value: unknown, key: string, fallback?: undefined): string | undefined;
export function readString(value: unknown, key: string, fallback?: string): string | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.length === 0 || /[\x00-\x1f\x7f]/.test(value)) {
    throw new ConfigError('expected a non-empty string without control characters', key);
  }
  return value;
}

/** One of `choices`; `fallback` when absent. */
export function readChoice<T extends string>(
  value: unknown,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new ConfigError(`expected one of ${choices.join(', ')}`, key);
  }
  return value as T;
}

/** An array of strings, each checked by `check` (which returns the normalised form or throws). */
export function readStringList(
  value: unknown,
  key: string,
  fallback: readonly string[],
  check: (item: string, itemKey: string) => string,
): string[] {
  if (value === undefined) return [...fallback];
  if (!Array.isArray(value)) throw new ConfigError('expected a list of strings', key);
  return value.map((item, i) => check(readString(item, `${key}[${i}]`) ?? '', `${key}[${i}]`));
}

/** A map of string to string, each value checked by `check`. */
export function readStringMap(
  value: unknown,
  key: string,
  check: (entryKey: string, entryValue: string, path: string) => [string, string],
): Record<string, string> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new ConfigError('expected an object of strings', key);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    const path = joinKey(key, k);
    const [nk, nv] = check(k, readString(v, path) ?? '', path);
    out[nk] = nv;
  }
  return out;
}

// RFC 1035 §2.3.1 / RFC 5321 §4.1.2: sub-domain = Let-dig [Ldh-str]; labels of at most
// 63 octets, the whole name at most 255 (§4.5.3.1.2).
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** True when `name` is a dot-separated sequence of LDH labels (no trailing dot). */
export function isDomainName(name: string): boolean {
  return name.length <= 255 && name.split('.').every((label) => LABEL.test(label));
}

/** A domain name, lower-cased. */
export function checkDomain(item: string, key: string): string {
  if (!isDomainName(item)) throw new ConfigError(`'${item}' is not a domain name`, key);
  return item.toLowerCase();
}

/** A domain or an address literal `[192.0.2.1]` / `[IPv6:2001:db8::1]`, normalised. */
export function checkDomainOrLiteral(item: string, key: string): string {
  const literal = /^\[(?:IPv6:)?([^\]]+)\]$/i.exec(item);
  if (!literal) return checkDomain(item, key);
  const ip = literal[1] ?? '';
  const v6 = /^\[IPv6:/i.test(item);
  if ((v6 && isIP(ip) !== 6) || (!v6 && isIP(ip) !== 4)) {
    throw new ConfigError(
      `'${item}' is not an address literal like [192.0.2.1] or [IPv6:::1]`,
      key,
    );
  }
  return v6 ? `[IPv6:${ip.toLowerCase()}]` : `[${ip}]`;
}

/** A CIDR block (`10.0.0.0/8`, `::1/128`) or a single address; returned unchanged. */
export function checkNetwork(item: string, key: string): string {
  const [address = '', prefix, extra] = item.split('/');
  const family = isIP(address);
  const maxPrefix = family === 6 ? 128 : 32;
  const prefixOk =
    prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
  if (family === 0 || !prefixOk || extra !== undefined) {
    throw new ConfigError(`'${item}' is not an address or CIDR block like 192.0.2.0/24`, key);
  }
  return item;
}

/** `host:port` or `[v6]:port`, for relay routes. */
export function checkHostPort(item: string, key: string): string {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(item);
  const host = m?.[1] ?? m?.[2] ?? '';
  const port = Number(m?.[3]);
  const hostOk = m?.[1] !== undefined ? isIP(host) === 6 : isIP(host) === 4 || isDomainName(host);
  if (!m || !hostOk || port < 1 || port > 65535) {
    throw new ConfigError(`'${item}' is not host:port (IPv6 as [addr]:port)`, key);
  }
  return item;
}
