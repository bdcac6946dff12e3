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

/** The header section of a message: everything up to and including the CRLF before the empty line. */
export function headerSection(message: Buffer): Buffer {
  if (message.subarray(0, 2).equals(Buffer.from('\r\n'))) return Buffer.alloc(0);
  const end = message.indexOf('\r\n\r\n');
  return end === -1 ? message : message.subarray(0, end + 2);
}
