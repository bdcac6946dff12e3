/**
 * What a RCPT forward-path means for us (RFC 5321 §3.6, §7.1): one of our mailboxes, an
 * unknown user in one of our domains, a foreign destination, or an address that tries to
 * route through us by local-part tricks.
 */
import type { Path } from '../../harness/wire/command.ts';
import { unquoteLocalPart } from '../../harness/wire/command.ts';
import type { ServerConfig } from '../config.ts';
import { configuredDomainKey, destinationKey } from './domains.ts';

/** How a forward-path is classified. */
export type RecipientClass =
  /** A mailbox we deliver; `mailbox` is `local@domain` or `Postmaster`. */
  | { kind: 'local'; mailbox: string }
  /** One of our domains, but no such mailbox (reply 550 5.1.1). */
  | { kind: 'unknown-local'; mailbox: string }
  /** A domain we do not serve: relaying (RFC 5321 §3.6.2). */
  | { kind: 'foreign'; mailbox: string; domain: string }
  /**
   * A local-part carrying a route to elsewhere (`%`, `!`, or a quoted `@`): the "percent
   * hack" and UUCP bang paths RFC 5321 §3.6.2 and §7.1 warn about (reply 550 5.7.1).
   */
  | { kind: 'routing-trick'; mailbox: string; reason: string };

/** The parts of the config classification reads, precomputed once per server. */
export interface LocalDirectory {
  /** Key of the first local domain: where the bare `<Postmaster>` is delivered. */
  defaultDomain: string;
  /** Domain keys of `localDomains` (see {@link destinationKey}). */
  domains: ReadonlySet<string>;
  /** Lower-cased local parts valid in every local domain. */
  everywhere: ReadonlySet<string>;
  /** Lower-cased `local@domainKey` entries valid in one domain. */
  perDomain: ReadonlySet<string>;
}

/** Builds the lookup tables for {@link classifyRecipient} from the config. */
export function createLocalDirectory(
  config: Pick<ServerConfig, 'localDomains' | 'mailboxes'>,
): LocalDirectory {
  const domains = new Set<string>();
  for (const entry of config.localDomains) {
    const key = configuredDomainKey(entry);
    if (key !== undefined) domains.add(key);
  }
  const everywhere = new Set<string>();
  const perDomain = new Set<string>();
  for (const entry of config.mailboxes) {
    const at = entry.lastIndexOf('@');
    if (at === -1) everywhere.add(entry.toLowerCase());
    else
      perDomain.add(
        `${entry.slice(0, at).toLowerCase()}@${configuredDomainKey(entry.slice(at + 1))}`,
      );
  }
  const first = config.localDomains[0];
  const defaultDomain = (first === undefined ? undefined : configuredDomainKey(first)) ?? '';
  return { defaultDomain, domains, everywhere, perDomain };
}

/** True when the destination is one of our domains or address literals. */
export function isLocalDestination(
  dir: LocalDirectory,
  domain: string,
  isAddressLiteral: boolean,
): boolean {
  const key = destinationKey(domain, isAddressLiteral);
  return key !== undefined && dir.domains.has(key);
}

// Characters that make a local-part a route elsewhere: "%" (percent hack), "!" (UUCP bang
// path) and "@" (only possible inside a Quoted-string, e.g. "user@foreign"@local).
const ROUTING_CHARS = /[%!@]/;

/**
 * Classifies a RCPT forward-path. A source route is ignored and the final mailbox decides
 * (RFC 5321 §4.1.1.3, §3.6.1: servers SHOULD ignore it); `<Postmaster>` without a domain is
 * always ours (§4.1.1.3), `postmaster@` one of our domains always exists (§4.5.1).
 */
export function classifyRecipient(
  dir: LocalDirectory,
  path: Path,
  isPostmaster: boolean,
): RecipientClass {
  const mailbox = path.mailbox;
  if (mailbox === null) return { kind: 'local', mailbox: 'Postmaster' };
  const address = `${mailbox.localPart}@${mailbox.domain}`;
  const key = destinationKey(mailbox.domain, mailbox.isAddressLiteral);
  if (key === undefined || !dir.domains.has(key)) {
    return { kind: 'foreign', mailbox: address, domain: mailbox.domain };
  }
  if (isPostmaster) return { kind: 'local', mailbox: address };
  const value = unquoteLocalPart(mailbox.localPart);
  const routing = ROUTING_CHARS.exec(value);
  if (routing) {
    return { kind: 'routing-trick', mailbox: address, reason: `"${routing[0]}" in the local-part` };
  }
  // RFC 5321 §2.4: the local-part is ours to interpret; we match our users case-insensitively.
  const lower = value.toLowerCase();
  if (dir.everywhere.has(lower) || dir.perDomain.has(`${lower}@${key}`)) {
    return { kind: 'local', mailbox: address };
  }
  return { kind: 'unknown-local', mailbox: address };
}

/**
 * The mailbox a forward-path resolves to, as a key: two paths with one key are one recipient
 * (delivered once). Domains compare case-insensitively, address literals by value (RFC 5321
 * §2.4); a Quoted-string local-part equals its unquoted form (§4.1.2: `"alice"` is `alice`).
 * Our own local-parts follow {@link classifyRecipient} (case-insensitive, any postmaster
 * spelling is one mailbox, §4.5.1); a foreign local-part keeps its case, which only the
 * remote host may interpret (§2.4).
 */
export function recipientKey(dir: LocalDirectory, path: Path, klass: RecipientClass): string {
  const mailbox = path.mailbox;
  if (mailbox === null) return `postmaster@${dir.defaultDomain}`;
  const domain =
    destinationKey(mailbox.domain, mailbox.isAddressLiteral) ?? mailbox.domain.toLowerCase();
  const local = unquoteLocalPart(mailbox.localPart);
  return klass.kind === 'foreign' ? `${local}@${domain}` : `${local.toLowerCase()}@${domain}`;
}
