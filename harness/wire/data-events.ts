/**
 * What the DATA decoder reports besides content: its states, and the events for bare
 * line-break characters, end-of-data look-alikes (SMTP smuggling), long lines and the cap.
 */

/**
 * Decoder states. `BeginLine`: just after a line break; `Dot`: "." read at a line start;
 * `DotCR`: "." then CR; `CR`: CR read, LF not yet seen; `Data`: inside a line; `Done`:
 * the terminator was read.
 */
export type DataState = 'BeginLine' | 'Dot' | 'DotCR' | 'CR' | 'Data' | 'Done';

/** Which line break came last: a real CRLF, or a bare LF / bare CR (RFC 5321 §2.3.8). */
export type LineBreak = 'CRLF' | 'LF' | 'CR';

/** A break, ".", break sequence that is not CRLF.CRLF: ends data in some lax parsers. */
export type LookAlikePattern =
  | '\r\n.\n'
  | '\r\n.\r'
  | '\n.\r\n'
  | '\n.\n'
  | '\n.\r'
  | '\r.\r\n'
  | '\r.\n'
  | '\r.\r';

/**
 * Something the decoder noticed. `offset` counts input octets from the first byte after
 * the DATA command's CRLF: the CR or LF for bare ones, the "." for look-alikes, the first
 * octet of the line for `line-too-long`, the octet that crossed the cap for `size-exceeded`.
 */
export type DataEvent =
  | { kind: 'bare-cr'; offset: number }
  | { kind: 'bare-lf'; offset: number }
  | { kind: 'end-of-data-look-alike'; offset: number; pattern: LookAlikePattern }
  | { kind: 'line-too-long'; offset: number; length: number }
  | { kind: 'size-exceeded'; offset: number; maxSize: number };

/** The look-alike made of break `first`, ".", break `second`. */
export function lookAlike(first: LineBreak, second: LineBreak): LookAlikePattern {
  const text = { CRLF: '\r\n', LF: '\n', CR: '\r' };
  return `${text[first]}.${text[second]}` as LookAlikePattern;
}
