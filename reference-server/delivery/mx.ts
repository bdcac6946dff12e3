/**
 * Where to send mail for a domain: a static route from the config first, otherwise the
 * domain's MX records (RFC 5321 §5.1), then its own A/AAAA records (the implicit MX). The
 * resolver is injected: tests never ask real DNS.
 */
import type { MxRecord } from 'node:dns';
import { isIP } from 'node:net';
import type { Failure } from './outcome.ts';

/** One host to try, as an IP address (or a route's host name) and port. */
export interface NextHop {
  host: string;
  port: number;
  /** Name for the Remote-MTA field and logs: the MX name, or the route target. */
  name: string;
}

/** The DNS lookups routing needs; `node:dns/promises` satisfies it. */
export interface DnsResolver {
  resolveMx(domain: string): Promise<MxRecord[]>;
  resolve4(host: string): Promise<string[]>;
  resolve6(host: string): Promise<string[]>;
}

export type RouteResolution =
  | { kind: 'hops'; hops: NextHop[] }
  | { kind: 'failed'; failure: Failure };

export interface RouteOptions {
  /** Static routes, domain -> `host:port` (the config's `routes`). */
  routes: Readonly<Record<string, string>>;
  resolver: DnsResolver;
  /** Our own host name: MX records at or after it are dropped (RFC 5321 §5.1). */
  hostname: string;
  /** Most hosts tried per attempt. */
  maxHops?: number;
}

/** The SMTP port of MX hosts (RFC 5321 §4.5.4.2 / IANA). */
const SMTP_PORT = 25;
const NOT_FOUND = new Set(['ENOTFOUND', 'NXDOMAIN']);
const NO_DATA = new Set(['ENODATA']);

/** Splits a route target `host:port` / `[v6]:port` (validated by the config). */
export function parseRouteTarget(target: string): NextHop {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(target);
  const host = m?.[1] ?? m?.[2];
  if (!m || host === undefined) throw new Error(`route target '${target}' is not host:port`);
  return { host, port: Number(m[3]), name: host };
}

/** Resolves the next hops of `domain` (a Domain or an address literal). Never throws. */
export async function resolveRoute(
  domain: string,
  options: RouteOptions,
): Promise<RouteResolution> {
  const key = domain.toLowerCase();
  const route = Object.entries(options.routes).find(([d]) => d.toLowerCase() === key);
  if (route) return { kind: 'hops', hops: [parseRouteTarget(route[1])] };
  const literal = literalHop(domain);
  if (literal !== undefined) return literal;
  const maxHops = options.maxHops ?? 10;
  try {
    const mx = await options.resolver.resolveMx(domain);
    return await hopsFromMx(domain, mx, options, maxHops);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (NO_DATA.has(code)) return implicitMx(domain, options.resolver, maxHops);
    return dnsFailure(domain, code);
  }
}

/** RFC 5321 §4.1.3 / §5.1: an address literal names the host itself. */
function literalHop(domain: string): RouteResolution | undefined {
  if (!domain.startsWith('[')) return undefined;
  const inner = domain.slice(1, -1);
  const ip = /^ipv6:/i.test(inner) ? inner.slice(5) : inner;
  if (isIP(ip) === 0) {
    return fail(true, '5.1.2', `cannot route to address literal ${domain}`);
  }
  return { kind: 'hops', hops: [{ host: ip, port: SMTP_PORT, name: domain }] };
}

async function hopsFromMx(
  domain: string,
  records: MxRecord[],
  options: RouteOptions,
  maxHops: number,
): Promise<RouteResolution> {
  // RFC 7505 §3: a single MX of preference 0 with exchange "." says the domain takes no mail.
  if (records.length === 1 && (records[0]?.exchange === '' || records[0]?.exchange === '.')) {
    return fail(true, '5.1.10', `${domain} has a null MX (RFC 7505): it accepts no mail`);
  }
  // RFC 5321 §5.1: with no MX at all the domain itself is the implicit MX.
  if (records.length === 0) return implicitMx(domain, options.resolver, maxHops);
  const sorted = shuffleEqualPreferences(records);
  const self = sorted.findIndex((r) => r.exchange.toLowerCase() === options.hostname.toLowerCase());
  // RFC 5321 §5.1: if we are one of the MX hosts, drop ourselves and every less preferred one.
  const usable =
    self === -1 ? sorted : sorted.filter((r) => r.priority < (sorted[self]?.priority ?? 0));
  if (usable.length === 0) {
    return fail(true, '5.4.6', `routing loop: ${options.hostname} is the best MX of ${domain}`);
  }
  const hops: NextHop[] = [];
  for (const record of usable) {
    if (hops.length >= maxHops) break;
    const addresses = await addressesOf(record.exchange, options.resolver);
    for (const host of addresses) hops.push({ host, port: SMTP_PORT, name: record.exchange });
  }
  if (hops.length === 0) return fail(false, '4.4.3', `no address for any MX host of ${domain}`);
  return { kind: 'hops', hops: hops.slice(0, maxHops) };
}

async function implicitMx(
  domain: string,
  resolver: DnsResolver,
  maxHops: number,
): Promise<RouteResolution> {
  const addresses = await addressesOf(domain, resolver);
  if (addresses.length === 0) {
    // RFC 3463 X.1.2: the destination system does not exist (no MX, no A, no AAAA).
    return fail(true, '5.1.2', `${domain} has no MX, A or AAAA record`);
  }
  return {
    kind: 'hops',
    hops: addresses.slice(0, maxHops).map((host) => ({ host, port: SMTP_PORT, name: domain })),
  };
}

/** AAAA then A addresses of `host`; lookup failures count as no address. */
async function addressesOf(host: string, resolver: DnsResolver): Promise<string[]> {
  const [v6, v4] = await Promise.all([
    resolver.resolve6(host).catch(() => [] as string[]),
    resolver.resolve4(host).catch(() => [] as string[]),
  ]);
  return [...v6, ...v4];
}

/** Sorted by preference; hosts of equal preference in random order (RFC 5321 §5.1 SHOULD). */
function shuffleEqualPreferences(records: readonly MxRecord[]): MxRecord[] {
  return records
    .map((r) => ({ r, tie: Math.random() }))
    .sort((a, b) => a.r.priority - b.r.priority || a.tie - b.tie)
    .map(({ r }) => r);
}

function dnsFailure(domain: string, code: string): RouteResolution {
  if (NOT_FOUND.has(code)) return fail(true, '5.1.2', `${domain} does not exist (DNS ${code})`);
  // RFC 3463 X.4.3: directory server failure; DNS trouble is transient.
  return fail(false, '4.4.3', `DNS lookup of ${domain} failed (${code || 'error'})`);
}

function fail(permanent: boolean, status: string, reason: string): RouteResolution {
  return { kind: 'failed', failure: { permanent, status, reason } };
}
