/**
 * A small reader of the DSNs we generate, for tests: header fields, the three MIME parts of
 * a multipart/report, and the delivery-status field groups. Not a general MIME parser.
 */

/** Header fields by lower-cased name (first occurrence; folded lines unfolded). */
export type Fields = Map<string, string>;

export interface ParsedDsn {
  headers: Fields;
  /** Each part's own header fields and body (latin1 text of the body). */
  parts: { headers: Fields; body: Buffer }[];
  /** The per-message group, then one group per recipient (RFC 3464 §2.1). */
  statusGroups: Fields[];
}

export function parseFields(text: string): Fields {
  const fields: Fields = new Map();
  const unfolded = text.replace(/\r\n[ \t]+/g, ' ');
  for (const line of unfolded.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

function splitHead(bytes: Buffer): { head: string; body: Buffer } {
  const end = bytes.indexOf('\r\n\r\n');
  if (end === -1) return { head: bytes.toString('latin1'), body: Buffer.alloc(0) };
  return { head: bytes.subarray(0, end).toString('latin1'), body: bytes.subarray(end + 4) };
}

/** Parses a DSN as stored in a Maildir (a Return-Path line first is fine). */
export function parseDsn(message: Buffer): ParsedDsn {
  const { head, body } = splitHead(message);
  const headers = parseFields(head);
  const boundary = /boundary="([^"]+)"/.exec(headers.get('content-type') ?? '')?.[1];
  if (boundary === undefined) throw new Error('not a multipart message');
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const pieces: Buffer[] = [];
  let from = body.indexOf(`--${boundary}\r\n`);
  if (from === -1) throw new Error('no first boundary');
  from += boundary.length + 4;
  for (;;) {
    const next = body.indexOf(delimiter, from);
    if (next === -1) throw new Error('unterminated part');
    pieces.push(body.subarray(from, next));
    const after = body
      .subarray(next + delimiter.length, next + delimiter.length + 2)
      .toString('latin1');
    if (after === '--') break;
    from = next + delimiter.length + 2;
  }
  const parts = pieces.map((p) => {
    const split = splitHead(p);
    return { headers: parseFields(split.head), body: split.body };
  });
  const status = parts[1]?.body.toString('utf8') ?? '';
  const statusGroups = status
    .split(/\r\n\r\n/)
    .filter((g) => g.trim().length > 0)
    .map(parseFields);
  return { headers, parts, statusGroups };
}
