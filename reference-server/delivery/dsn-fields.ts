/**
 * Field values of a delivery status notification (RFC 3464 §2): xtext decoding of what the
 * client sent as ENVID and ORCPT (RFC 3461 §4), address types, and text made safe for a
 * header line.
 */

/**
 * Decodes xtext (RFC 3461 §4: `+XX` is the octet with hex value XX). RFC 3461 §6.3 puts
 * ENVID and the ORCPT address into the DSN decoded. Malformed escapes stay as they are.
 */
export function decodeXtext(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value[i] === '+' ? value.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(value[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * One header-safe line: CR, LF and other control characters become spaces, and outside a
 * UTF-8 (RFC 6533) report non-ASCII becomes `?` (RFC 3464 §2.1: fields are US-ASCII).
 */
export function fieldText(text: string, utf8: boolean): string {
  const noControls = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return utf8 ? noControls : noControls.replace(/[^\u0020-\u007e]/g, '?');
}

/** `rfc822; addr` for ASCII, `utf-8; addr` otherwise (RFC 3464 §2.3.2, RFC 6533 §3). */
export function typedAddress(address: string): string {
  return /^[\u0020-\u007e]*$/.test(address) ? `rfc822; ${address}` : `utf-8; ${address}`;
}

/** `addr-type; address` from an ORCPT value `addr-type;xtext` (RFC 3461 §4.2, §6.3). */
export function originalRecipient(orcpt: string): string {
  const semi = orcpt.indexOf(';');
  if (semi === -1) return `unknown; ${decodeXtext(orcpt)}`;
  return `${orcpt.slice(0, semi)}; ${decodeXtext(orcpt.slice(semi + 1))}`;
}

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HT = 0x09;
/** Octets of a line looked at to recognise a field name (RFC 5322 §2.1.1: lines <= 998). */
const FIELD_HEAD = 1000;
// RFC 5322 §3.6.8: field-name = 1*ftext (printable US-ASCII but ":"), then ":"; §4.5.x
// obsolete syntax allows WSP before the colon.
const FIELD_START = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

/**
 * The header section of a message (RFC 5322 §2.1): complete lines from the start that are
 * header fields or their folded continuations (§2.2.3), up to the empty line, ending with
 * the CRLF before it. Bounded: at most `maxOctets`, cut after the last whole line that fits,
 * and it ends at the first line that is no header field, so a message without an empty line
 * (all "body") returns nothing of its body.
 */
export function headerSection(message: Buffer, maxOctets: number): Buffer {
  let end = 0;
  while (end < message.length) {
    const lf = message.indexOf(LF, end);
    if (lf === -1 || lf + 1 > maxOctets || message[lf - 1] !== CR) break;
    const first = message[end];
    if (lf === end + 1) break; // the empty line ends the header section
    const folded = (first === SP || first === HT) && end > 0;
    const head = message.toString('latin1', end, Math.min(lf, end + FIELD_HEAD));
    if (!folded && !FIELD_START.test(head)) break;
    end = lf + 1;
  }
  return message.subarray(0, end);
}
