/**
 * The address of the server under test, as given by `--target HOST:PORT` or `[V6]:PORT`.
 */
import { isIP } from 'node:net';
import { UsageError } from '../errors.ts';

/** Where the server under test listens. */
export interface TargetAddress {
  /** Host name or IP address, IPv6 without brackets. */
  host: string;
  port: number;
}

/** RFC 1035 §2.3.4 host names: labels of letters, digits and hyphens, 253 octets in all. */
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/**
 * Parses `host:port` or `[v6]:port`; throws a UsageError saying what is wrong. `flag`
 * names the option in messages; `allowPortZero` takes port 0 (listen on any free port).
 */
export function parseTarget(
  text: string,
  options: { flag?: string; allowPortZero?: boolean } = {},
): TargetAddress {
  const flag = options.flag ?? '--target';
  const hint = "expected HOST:PORT, e.g. mx.example.test:25 or '[::1]:2525'";
  const bracketed = /^\[([^\]]*)\]:(.*)$/.exec(text);
  let host: string;
  let portText: string;
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2] ?? '';
    if (isIP(host) !== 6) throw new UsageError(`${flag}: '${host}' is not an IPv6 address`);
  } else if (text.startsWith('[')) {
    throw new UsageError(`${flag} '${text}': expected [IPV6]:PORT, e.g. '[::1]:2525'`);
  } else {
    const colon = text.lastIndexOf(':');
    if (colon <= 0) throw new UsageError(`${flag} '${text}': ${hint}`);
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (host.includes(':')) {
      throw new UsageError(`${flag} '${text}': put an IPv6 address in brackets, e.g. [::1]:25`);
    }
    if (isIP(host) === 0 && !HOST_NAME.test(host)) {
      throw new UsageError(`${flag}: '${host}' is not a valid host name or IPv4 address`);
    }
  }
  if (options.allowPortZero === true && portText === '0') return { host, port: 0 };
  return { host, port: parsePort(portText, flag) };
}

/** A TCP port 1-65535 in decimal. */
export function parsePort(text: string, flag: string): number {
  if (!/^[0-9]{1,5}$/.test(text)) throw new UsageError(`${flag}: '${text}' is not a port number`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new UsageError(`${flag}: port ${port} is not in 1-65535`);
  return port;
}

/** `host:port`, IPv6 in brackets, as RunReport.target.address wants it. */
export function formatAddress(target: TargetAddress): string {
  return isIP(target.host) === 6
    ? `[${target.host}]:${target.port}`
    : `${target.host}:${target.port}`;
}
