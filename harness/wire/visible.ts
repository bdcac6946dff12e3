/**
 * Visible rendering, the one place for it: raw bytes for transcripts and messages (every
 * octet stays recoverable), and text for every human-facing renderer (console, JUnit,
 * HTML, transcript notes), so that no control character reaches a terminal or a report
 * unescaped.
 *
 * Text may carry raw server bytes. Some are illegal in XML (C0 controls, U+FFFE/U+FFFF,
 * lone surrogates), some rewrite a terminal (ESC sequences, CR) and some reorder what a
 * reader sees (bidi overrides). Dropping them would hide exactly the bytes the harness
 * exists to show, so each becomes a visible escape in the notation of the transcript
 * format: `\r`, `\xnn` below 0x100, `\unnnn` above (lower-case hex). The JSON report keeps
 * the exact text instead (JSON can represent every code unit).
 */
import { ConfigError } from '../errors.ts';

const BACKSLASH = 0x5c;

/**
 * Renders bytes as one line of printable ASCII: CR is `\r`, LF is `\n`, a backslash is
 * `\\`, any other octet outside 0x20-0x7e is `\xNN` (two lowercase hex digits).
 */
export function visibleBytes(bytes: Buffer): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b >= 0x20 && b <= 0x7e && b !== BACKSLASH) continue;
    out += bytes.toString('latin1', runStart, i) + escapeOctet(b);
    runStart = i + 1;
  }
  return out + bytes.toString('latin1', runStart);
}

function escapeOctet(b: number): string {
  if (b === 0x0d) return '\\r';
  if (b === 0x0a) return '\\n';
  if (b === BACKSLASH) return '\\\\';
  return `\\x${b.toString(16).padStart(2, '0')}`;
}

const HEX_PAIR = /^[0-9a-fA-F]{2}$/;

/**
 * The inverse of {@link visibleBytes}: `parseVisibleBytes(visibleBytes(b))` equals `b` for
 * every `b`. Hex digits may be upper or lower case. Throws `ConfigError`
 * (`SMTPSPEC_ERR_CONFIG`) for an unknown escape or a character outside printable ASCII.
 */
export function parseVisibleBytes(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      throw new ConfigError(`character U+${hex4(c)} at offset ${i} must be escaped`, 'bytes');
    }
    if (c !== BACKSLASH) {
      out[length++] = c;
      continue;
    }
    const [octet, width] = readEscape(text, i);
    out[length++] = octet;
    i += width - 1;
  }
  return Buffer.from(out.subarray(0, length));
}

/** Reads the escape starting at `text[i]` (a backslash): the octet and the escape's width. */
function readEscape(text: string, i: number): [number, number] {
  const next = text[i + 1];
  if (next === 'r') return [0x0d, 2];
  if (next === 'n') return [0x0a, 2];
  if (next === '\\') return [BACKSLASH, 2];
  if (next === 'x') {
    const pair = text.slice(i + 2, i + 4);
    if (HEX_PAIR.test(pair)) return [Number.parseInt(pair, 16), 4];
  }
  throw new ConfigError(`bad escape at offset ${i}: use \\r, \\n, \\\\ or \\xNN`, 'bytes');
}

function hex4(c: number): string {
  return c.toString(16).toUpperCase().padStart(4, '0');
}

// C0 except TAB (0x09) and LF (0x0A); DEL and C1; the two XML non-characters; bidi
// embedding/override/isolate controls; a high surrogate without its low half; a low
// surrogate without its high half.
const NEEDS_ESCAPE =
  /[\x00-\x08\x0B-\x1F\x7F-\x9F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const NEEDS_ESCAPE_ONE_LINE =
  /[\x00-\x1F\x7F-\x9F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeUnit(unit: string): string {
  const code = unit.charCodeAt(0);
  if (code === 0x0d) return '\\r';
  if (code === 0x0a) return '\\n';
  if (code === 0x09) return '\\t';
  const hex = code.toString(16);
  return code < 0x100 ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * `text` with every control, XML-illegal or reordering code point replaced by a visible
 * escape. TAB and LF are kept, so multi-line text stays multi-line.
 */
export function visible(text: string): string {
  return text.replace(NEEDS_ESCAPE, escapeUnit);
}

/** Like {@link visible}, but LF and TAB are escaped too: the result is always one line. */
export function visibleLine(text: string): string {
  return text.replace(NEEDS_ESCAPE_ONE_LINE, escapeUnit);
}

/**
 * Text safe inside a CDATA section: visible-escaped, and every `]]>` (which would end the
 * section) written as `]]\x3e`, the transcript notation for the same bytes.
 */
export function visibleCdata(text: string): string {
  return visible(text).replaceAll(']]>', ']]\\x3e');
}
