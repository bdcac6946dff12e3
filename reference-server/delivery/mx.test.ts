import type { MxRecord } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { type DnsResolver, parseRouteTarget, resolveRoute } from './mx.ts';

// Why this test? Routing must never touch real DNS in tests; every lookup goes to this table.
function fakeResolver(table: {
  mx?: Record<string, MxRecord[] | string>;
  a?: Record<string, string[]>;
  aaaa?: Record<string, string[]>;
}): DnsResolver & { lookups: string[] } {
  const lookups: string[] = [];
  const fail = (code: string) => Object.assign(new Error(code), { code });
  const answer = <T>(kind: string, host: string, value: T | string | undefined): Promise<T> => {
    lookups.push(`${kind} ${host}`);
    if (value === undefined) return Promise.reject(fail('ENODATA'));
    if (typeof value === 'string') return Promise.reject(fail(value));
    return Promise.resolve(value);
  };
  return {
    lookups,
    resolveMx: (d) => answer('MX', d, table.mx?.[d]),
    resolve4: (h) => answer('A', h, table.a?.[h]),
    resolve6: (h) => answer('AAAA', h, table.aaaa?.[h]),
  };
}

const base = { routes: {}, hostname: 'mx.a.test' };

describe('resolveRoute', () => {
  it('uses a static route first (case-insensitive) without any lookup', async () => {
    const resolver = fakeResolver({});
    const result = await resolveRoute('B.Test', {
      ...base,
      routes: { 'b.test': '127.0.0.1:2526' },
      resolver,
    });
    expect(result).toEqual({
      kind: 'hops',
      hops: [{ host: '127.0.0.1', port: 2526, name: '127.0.0.1' }],
    });
    expect(resolver.lookups).toEqual([]);
  });

  it('parses IPv6 route targets', () => {
    expect(parseRouteTarget('[::1]:25')).toEqual({ host: '::1', port: 25, name: '::1' });
  });

  it('orders MX hosts by preference and resolves each to addresses (RFC 5321 §5.1)', async () => {
    const resolver = fakeResolver({
      mx: {
        'b.test': [
          { exchange: 'backup.b.test', priority: 20 },
          { exchange: 'mx.b.test', priority: 10 },
        ],
      },
      a: { 'mx.b.test': ['192.0.2.1'], 'backup.b.test': ['192.0.2.2'] },
      aaaa: { 'mx.b.test': ['2001:db8::1'] },
    });
    const result = await resolveRoute('b.test', { ...base, resolver });
    expect(result).toEqual({
      kind: 'hops',
      hops: [
        { host: '2001:db8::1', port: 25, name: 'mx.b.test' },
        { host: '192.0.2.1', port: 25, name: 'mx.b.test' },
        { host: '192.0.2.2', port: 25, name: 'backup.b.test' },
      ],
    });
  });

  it('falls back to the A/AAAA records of the domain when it has no MX', async () => {
    const resolver = fakeResolver({ a: { 'b.test': ['192.0.2.9'] } });
    const result = await resolveRoute('b.test', { ...base, resolver });
    expect(result).toEqual({
      kind: 'hops',
      hops: [{ host: '192.0.2.9', port: 25, name: 'b.test' }],
    });
  });

  it('drops itself and less preferred MX hosts (RFC 5321 §5.1)', async () => {
    const resolver = fakeResolver({
      mx: {
        'b.test': [
          { exchange: 'mx.a.test', priority: 10 },
          { exchange: 'first.b.test', priority: 5 },
          { exchange: 'worse.b.test', priority: 10 },
        ],
      },
      a: { 'first.b.test': ['192.0.2.5'], 'worse.b.test': ['192.0.2.6'] },
    });
    const result = await resolveRoute('b.test', { ...base, resolver });
    expect(result).toEqual({
      kind: 'hops',
      hops: [{ host: '192.0.2.5', port: 25, name: 'first.b.test' }],
    });
  });

  it.each([
    ['a null MX (RFC 7505)', { mx: { 'b.test': [{ exchange: '', priority: 0 }] } }, true, '5.1.10'],
    ['a domain that does not exist', { mx: { 'b.test': 'ENOTFOUND' } }, true, '5.1.2'],
    ['no MX and no address', {}, true, '5.1.2'],
    ['a DNS server failure', { mx: { 'b.test': 'ESERVFAIL' } }, false, '4.4.3'],
    [
      'only ourselves as MX',
      { mx: { 'b.test': [{ exchange: 'MX.A.TEST', priority: 1 }] } },
      true,
      '5.4.6',
    ],
  ])('fails for %s', async (_name, table, permanent, status) => {
    const result = await resolveRoute('b.test', { ...base, resolver: fakeResolver(table) });
    expect(result).toMatchObject({ kind: 'failed', failure: { permanent, status } });
  });

  it('routes an address literal to the address itself', async () => {
    const resolver = fakeResolver({});
    expect(await resolveRoute('[IPv6:2001:db8::7]', { ...base, resolver })).toEqual({
      kind: 'hops',
      hops: [{ host: '2001:db8::7', port: 25, name: '[IPv6:2001:db8::7]' }],
    });
    expect(resolver.lookups).toEqual([]);
  });
});
