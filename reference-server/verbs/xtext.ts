/**
 * xtext (RFC 3461 §4): the encoding of DSN ENVID and ORCPT values (and RFC 4954 §5 AUTH=).
 */

/**
 * RFC 3461 §4: xtext = *( xchar / hexchar ); xchar = "!".."~" except "+" and "=";
 * hexchar = "+" 2(DIGIT / "A".."F"). With `utf8`, non-ASCII characters are also allowed
 * (RFC 6533 §3 unitext for SMTPUTF8 transactions).
 */
export function isXtext(value: string, utf8 = false): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x2b) {
      if (!/^[0-9A-F]{2}$/.test(value.slice(i + 1, i + 3))) return false;
      i += 2;
    } else if (code === 0x3d || code < 0x21 || (code > 0x7e && !utf8)) {
      return false;
    }
  }
  return true;
}

/** RFC 3461 §4.2: orcpt-parameter = "ORCPT=" addr-type ";" xtext; addr-type = atom. */
export function isOrcptValue(value: string, utf8 = false): boolean {
  const semi = value.indexOf(';');
  if (semi <= 0) return false;
  const addrType = value.slice(0, semi);
  // RFC 5322 §3.2.3 atom characters (atext), no CFWS inside an esmtp-value anyway.
  if (!/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/.test(addrType)) return false;
  const address = value.slice(semi + 1);
  return address.length > 0 && isXtext(address, utf8);
}
