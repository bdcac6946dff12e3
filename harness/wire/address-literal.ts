/**
 * Address literals of RFC 5321 §4.1.3: the bracketed text that may stand in for a
 * domain (`[192.0.2.1]`, `[IPv6:2001:db8::1]`, `[tag:content]`). These functions see the
 * text between the brackets only.
 */

/** Which §4.1.3 form an address literal takes. */
export type AddressLiteralKind = 'ipv4' | 'ipv6' | 'general';

/** Outcome of classifying the text between `[` and `]`. */
export type AddressLiteralCheck =
  | { ok: true; kind: AddressLiteralKind }
  | { ok: false; reason: string };

const IPV6_TAG = 'ipv6';

/**
 * Classifies and validates the content of an address literal (without the brackets).
 * RFC 5321 §4.1.3: address-literal = "[" ( IPv4-address-literal / IPv6-address-literal /
 * General-address-literal ) "]".
 */
export function checkAddressLiteral(content: string): AddressLiteralCheck {
  if (content.length === 0) return { ok: false, reason: 'empty address literal "[]"' };
  const colon = content.indexOf(':');
  if (colon < 0) {
    return isIpv4AddressLiteral(content)
      ? { ok: true, kind: 'ipv4' }
      : { ok: false, reason: `"[${content}]" is not an IPv4 address literal (RFC 5321 §4.1.3)` };
  }
  const tag = content.slice(0, colon);
  const rest = content.slice(colon + 1);
  // RFC 5234 §2.3: the quoted string "IPv6:" of the ABNF matches in any case.
  if (tag.toLowerCase() === IPV6_TAG) {
    return isIpv6Address(rest)
      ? { ok: true, kind: 'ipv6' }
      : { ok: false, reason: `"${rest}" is not an IPv6 address (RFC 5321 §4.1.3 IPv6-addr)` };
  }
  return checkGeneralLiteral(tag, rest);
}

/**
 * RFC 5321 §4.1.3: General-address-literal = Standardized-tag ":" 1*dcontent;
 * Standardized-tag = Ldh-str; dcontent = %d33-90 / %d94-126.
 */
function checkGeneralLiteral(tag: string, rest: string): AddressLiteralCheck {
  if (!isLdhStr(tag)) {
    return {
      ok: false,
      reason: `address literal tag "${tag}" is not an Ldh-str (RFC 5321 §4.1.3)`,
    };
  }
  if (rest.length === 0) {
    return { ok: false, reason: `address literal "[${tag}:]" has no content (RFC 5321 §4.1.3)` };
  }
  for (let i = 0; i < rest.length; i++) {
    if (!isDcontent(rest.charCodeAt(i))) {
      return {
        ok: false,
        reason: `invalid character in address literal content (RFC 5321 §4.1.3 dcontent)`,
      };
    }
  }
  return { ok: true, kind: 'general' };
}

/** RFC 5321 §4.1.3: dcontent = %d33-90 / %d94-126 (printable US-ASCII without "[", "\", "]"). */
export function isDcontent(code: number): boolean {
  return (code >= 33 && code <= 90) || (code >= 94 && code <= 126);
}

/** RFC 5321 §4.1.2: Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig. */
export function isLdhStr(text: string): boolean {
  return /^[A-Za-z0-9-]*[A-Za-z0-9]$/.test(text);
}

/** RFC 5321 §4.1.3: IPv4-address-literal = Snum 3("." Snum); Snum = 1*3DIGIT, 0 to 255. */
export function isIpv4AddressLiteral(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every(isSnum);
}

function isSnum(text: string): boolean {
  return /^[0-9]{1,3}$/.test(text) && Number(text) <= 255;
}

/** RFC 5321 §4.1.3: IPv6-hex = 1*4HEXDIG. */
function isIpv6Hex(text: string): boolean {
  return /^[0-9A-Fa-f]{1,4}$/.test(text);
}

/** Splits `a:b:c` into hex groups; an empty side of "::" gives no groups. */
function hexGroups(text: string): string[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  return groups.every(isIpv6Hex) ? groups : undefined;
}

/**
 * RFC 5321 §4.1.3: IPv6-addr = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp.
 * - IPv6-full = IPv6-hex 7(":" IPv6-hex)
 * - IPv6-comp: "::" stands for at least 2 zero groups; at most 6 groups besides it.
 * - IPv6v4-full = IPv6-hex 5(":" IPv6-hex) ":" IPv4-address-literal
 * - IPv6v4-comp: "::" stands for at least 2 zero groups; at most 4 groups besides it
 *   and the IPv4 address.
 */
export function isIpv6Address(text: string): boolean {
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0) return false;
  const tail = text.slice(lastColon + 1);
  const hasIpv4 = tail.includes('.');
  if (hasIpv4 && !isIpv4AddressLiteral(tail)) return false;
  // With an embedded IPv4 the hex part ends at the colon before it; that colon may be
  // the second one of "::" (e.g. "::192.0.2.1"), so keep it for the "::" split below.
  const hexPart = hasIpv4 ? text.slice(0, lastColon + 1) : text;
  const hexGroupsWanted = hasIpv4 ? 6 : 8;
  const compIndex = hexPart.indexOf('::');
  if (compIndex < 0) {
    const body = hasIpv4 ? hexPart.slice(0, -1) : hexPart;
    return hexGroups(body)?.length === hexGroupsWanted;
  }
  if (hexPart.indexOf('::', compIndex + 1) >= 0) return false;
  const left = hexGroups(hexPart.slice(0, compIndex));
  const rightText = hexPart.slice(compIndex + 2);
  // In the IPv4 form the right side keeps its trailing ":" before the IPv4 address.
  const right = hexGroups(hasIpv4 && rightText !== '' ? rightText.slice(0, -1) : rightText);
  if (left === undefined || right === undefined) return false;
  return left.length + right.length <= hexGroupsWanted - 2;
}
