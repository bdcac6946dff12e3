/**
 * Visible escaping shared by every human-facing renderer (console, JUnit, HTML).
 *
 * Transcripts and messages carry raw server bytes. Some of them are illegal in XML (C0
 * controls, U+FFFE/U+FFFF, lone surrogates), some rewrite a terminal (ESC sequences, CR)
 * and some reorder what a reader sees (bidi overrides). Dropping them would hide exactly
 * the bytes the harness exists to show, so each becomes a visible escape in the notation
 * of the transcript format: `\r`, `\xnn` below 0x100, `\unnnn` above (lower-case hex, as
 * harness/transcript writes it). TAB and LF stay as they are. The JSON report keeps the
 * exact text instead (JSON can represent every code unit).
 */

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
