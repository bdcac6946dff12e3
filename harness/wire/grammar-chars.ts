/**
 * Character classes of the RFC 5321 §4.1.2 grammar and a helper that names a character
 * in error messages. Shared by the address, parameter and command parsers.
 */

/** Names the character at `pos` for an error message: `"x"`, `NUL`, `0x09`, `U+00E9` or end. */
export function describeCharAt(text: string, pos: number): string {
  const code = text.codePointAt(pos);
  if (code === undefined) return 'end of line';
  if (code === 0) return 'NUL';
  if (code < 32 || code === 127) return `0x${code.toString(16).padStart(2, '0')}`;
  if (code > 127) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${String.fromCharCode(code)}"`;
}

/** True for a character outside US-ASCII (RFC 6531 §3.3 UTF8-non-ascii once decoded). */
export function isNonAscii(code: number): boolean {
  return code > 127;
}

/** RFC 5234 B.1: ALPHA = %x41-5A / %x61-7A. */
export function isAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** RFC 5234 B.1: DIGIT = %x30-39. */
export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** RFC 5321 §4.1.2: Let-dig = ALPHA / DIGIT. */
export function isLetDig(code: number): boolean {
  return isAlpha(code) || isDigit(code);
}

const ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

/** RFC 5322 §3.2.3 atext, used by RFC 5321 §4.1.2 Atom = 1*atext. */
export function isAtext(code: number): boolean {
  return isLetDig(code) || (code < 128 && ATEXT_SPECIALS.includes(String.fromCharCode(code)));
}

/** RFC 5321 §4.1.2: qtextSMTP = %d32-33 / %d35-91 / %d93-126. */
export function isQtextSmtp(code: number): boolean {
  return code === 32 || code === 33 || (code >= 35 && code <= 91) || (code >= 93 && code <= 126);
}

/** RFC 5234 B.1: CTL = %x00-1F / %x7F. */
export function isControl(code: number): boolean {
  return code < 32 || code === 127;
}
