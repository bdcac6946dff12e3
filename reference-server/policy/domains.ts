/**
 * Comparable forms of domains, address literals and client addresses, so that no spelling
 * of a foreign destination (case, leading zeros, IPv6 compression) passes for a local one.
 */
import { BlockList, isIP } from 'node:net';

/**
 * A key under which two spellings of the same destination compare equal:
 * domains lower-cased (RFC 5321 §2.4), `[IPv4]` without leading zeros, `[IPv6:...]` in the
 * compressed lower-case form. Returns `undefined` for a general address literal
 * (`[tag:content]`, RFC 5321 §4.1.3), which names nothing we can recognise as ours.
 */
export function destinationKey(domain: string, isAddressLiteral: boolean): string | undefined {
  if (!isAddressLiteral) return domain.toLowerCase();
  const content = domain.slice(1, -1);
  const v6 = /^IPv6:(.*)$/i.exec(content);
  if (v6) {
    const address = v6[1] ?? '';
    if (isIP(address) !== 6) return undefined;
    // The WHATWG URL parser prints IPv6 hosts in RFC 5952 canonical form.
    return `[IPv6:${new URL(`http://[${address}]/`).hostname.slice(1, -1)}]`;
  }
  const octets = content.split('.');
  if (octets.length !== 4 || !octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)) {
    return undefined;
  }
  return `[${octets.map((o) => String(Number(o))).join('.')}]`;
}

/** The key of a configured local domain entry (`example.org`, `[192.0.2.1]`, `[IPv6:::1]`). */
export function configuredDomainKey(entry: string): string | undefined {
  return destinationKey(entry, entry.startsWith('['));
}

/** A remote address without the IPv4-mapped IPv6 prefix (`::ffff:192.0.2.1` -> `192.0.2.1`). */
export function plainClientAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** A membership test for the configured client networks (`relay.clientNetworks`). */
export function clientNetworkMatcher(networks: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of networks) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (address) => {
    const plain = plainClientAddress(address);
    const family = isIP(plain);
    if (family === 0) return false;
    return list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}
