/**
 * Where a local recipient's Maildir lives: `<domain>/<local-part>`, both lower-cased, and
 * refused when either could leave the Maildir root. A Quoted-string local-part may hold
 * `/`, `..` or control characters (RFC 5321 §4.1.2); no mailbox of ours has such a name.
 */
import { parseMailbox } from '../../harness/wire/address.ts';
import { isPostmasterLocalPart, unquoteLocalPart } from '../../harness/wire/mailbox-format.ts';

/** A mailbox as two safe path segments. */
export interface MailboxLocation {
  domain: string;
  localPart: string;
}

/** Longest segment most file systems accept (octets). */
const MAX_SEGMENT = 255;

/** Why `segment` cannot be a path segment, or undefined when it can. */
export function unsafeSegment(segment: string): string | undefined {
  if (segment.length === 0) return 'is empty';
  if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT)
    return `is longer than ${MAX_SEGMENT} octets`;
  if (segment.startsWith('.')) return 'starts with "."';
  // Path separators of every platform, NUL, and control characters (C0, DEL, C1).
  if (/[/\\\u0000-\u001f\u007f-\u009f]/.test(segment))
    return 'contains "/", "\\" or a control character';
  return undefined;
}

/**
 * The location of `address` (`local@domain`, or the bare `Postmaster` of RFC 5321 §4.1.1.3,
 * which goes to `postmaster` in `defaultDomain`). Any spelling of postmaster maps to
 * `postmaster` (RFC 5321 §4.5.1: the name is case-insensitive). Returns a reason string
 * when the address cannot be a local mailbox.
 */
export function mailboxLocation(address: string, defaultDomain: string): MailboxLocation | string {
  if (address.toLowerCase() === 'postmaster')
    return checked(defaultDomain.toLowerCase(), 'postmaster');
  const mailbox = parseMailbox(address, { smtputf8: true });
  if (mailbox instanceof Error) return `'${address}' is not a mailbox: ${mailbox.message}`;
  const localPart = isPostmasterLocalPart(mailbox.localPart)
    ? 'postmaster'
    : unquoteLocalPart(mailbox.localPart).toLowerCase();
  return checked(mailbox.domain.toLowerCase(), localPart);
}

function checked(domain: string, localPart: string): MailboxLocation | string {
  const badDomain = unsafeSegment(domain);
  if (badDomain !== undefined) return `domain '${domain}' ${badDomain}`;
  const badLocal = unsafeSegment(localPart);
  if (badLocal !== undefined) return `local-part '${localPart}' ${badLocal}`;
  return { domain, localPart };
}
