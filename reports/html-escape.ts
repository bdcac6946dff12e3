/**
 * Escaping for the HTML pages (report.html, comparison.html). Every text there may come
 * from a hostile server (greeting, replies, transcripts) or a user suite, so each one is
 * made visible ({@link visible}: control characters and bidi overrides as escapes) and then
 * HTML-escaped, in content and in quoted attributes alike.
 */
import { isSafeRelativePath } from '../harness/scenario/result-paths.ts';
import { visible } from '../harness/wire/visible.ts';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe in HTML content and in quoted attribute values, control characters visible. */
export function escapeHtml(text: string): string {
  return visible(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * A link to `path` (a transcript) inside the report's own directory, as an `href` value, or
 * undefined when `path` is not a plain relative path there: the field is data, and
 * `javascript:` or `../../` must not turn into something clickable.
 */
export function insideHref(path: string): string | undefined {
  if (!isSafeRelativePath(path)) return undefined;
  return escapeHtml(path.split('/').map(encodeURIComponent).join('/'));
}

/**
 * Any relative path (`../runs/postfix/transcripts/x.txt`) as an `href` value that can only
 * be read as a relative path: each segment is percent-encoded (so no `scheme:`, `?` or `#`
 * survives), and a path with an empty segment (`//host`, `/abs`, `a//b`) or a backslash is
 * refused (undefined).
 */
export function relativeHref(path: string): string | undefined {
  const segments = path.split('/');
  if (path.includes('\\') || segments.some((s) => s === '')) return undefined;
  return escapeHtml(
    segments.map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/'),
  );
}
