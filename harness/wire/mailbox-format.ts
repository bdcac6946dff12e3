/**
 * Writing and comparing mailboxes and paths: the inverse of the address parser, plus the
 * comparisons RFC 5321 defines (case-insensitive domains, the "postmaster" local name).
 */
import type { Mailbox, Path } from './address.ts';

/** Serialises a Mailbox as written: `localPart@domain`. */
export function formatMailbox(mailbox: Mailbox): string {
  return `${mailbox.localPart}@${mailbox.domain}`;
}

/**
 * Serialises a Path from its parts (not from `raw`): `<>` for a null mailbox, otherwise
 * `<@route,@route:local@domain>`. Conformant clients leave `sourceRoute` empty (§4.1.1.3).
 */
export function formatPath(path: Path): string {
  if (path.mailbox === null) return '<>';
  const route = path.sourceRoute.length > 0 ? `@${path.sourceRoute.join(',@')}:` : '';
  return `<${route}${formatMailbox(path.mailbox)}>`;
}

/** Lower-cases ASCII letters of a domain for comparison (RFC 5321 §2.4: domains are case-insensitive). */
export function normaliseDomain(domain: string): string {
  return domain.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The value of a local-part: a Quoted-string loses its quotes and quoted-pair backslashes. */
export function unquoteLocalPart(localPart: string): string {
  if (!(localPart.length >= 2 && localPart.startsWith('"') && localPart.endsWith('"')))
    return localPart;
  return localPart.slice(1, -1).replace(/\\([\s\S])/g, '$1');
}

/**
 * The form to write a local-part value in: Dot-string when it is one, else a Quoted-string
 * with `"` and `\` escaped. RFC 5321 §4.1.2 advises against needing the Quoted-string form
 * "for maximum interoperability", so the Dot-string is preferred. Does not validate.
 */
export function quoteLocalPart(value: string): string {
  return DOT_STRING_VALUE.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

const ATOM_CHARS = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~\\u0080-\\uffff]+";
const DOT_STRING_VALUE = new RegExp(`^${ATOM_CHARS}(\\.${ATOM_CHARS})*$`);

/** RFC 5321 §4.5.1: "postmaster" is a case-insensitive local name. */
export function isPostmasterLocalPart(localPart: string): boolean {
  return unquoteLocalPart(localPart).toLowerCase() === 'postmaster';
}
