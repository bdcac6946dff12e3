/**
 * Judging what a relaying target passed on against what the harness submitted: the
 * content byte for byte with only trace fields added on top (RFC 5321 §3.6.3, §4.4), the
 * Received: field's place and form, 8-bit octets (RFC 6152 §3), dot-stuffing (§4.5.2).
 * Pure functions over the two unstuffed contents; the findings name the check they
 * belong to, so a case reports only what it asked for.
 */
import type { RelayCheck } from '../scenario/types.ts';
import { visibleBytes } from '../wire/visible.ts';

/** One problem, with the level of the rule it breaks and the check it belongs to. */
export interface RelayProblem {
  /** `outcome`: what the target did with the message at all (retry, notification). */
  check: RelayCheck | 'outcome';
  rule: 'MUST' | 'SHOULD' | 'MAY';
  message: string;
}

const CRLF = Buffer.from('\r\n', 'latin1');
const END_OF_HEADER = Buffer.from('\r\n\r\n', 'latin1');

/** A header section split into fields (RFC 5322 §2.2: a folded line continues with WSP). */
export function headerFields(header: Buffer): Buffer[] {
  const fields: Buffer[] = [];
  let start = 0;
  let at = 0;
  while (at < header.length) {
    const eol = header.indexOf(CRLF, at);
    const next = eol === -1 ? header.length : eol + 2;
    const following = header[next];
    const continues = following === 0x20 || following === 0x09;
    if (!continues || next >= header.length) {
      fields.push(header.subarray(start, next));
      start = next;
    }
    at = next;
  }
  return fields;
}

/** Header section (with its CRLF-terminated fields) and body (after the empty line). */
export function splitMessage(content: Buffer): { header: Buffer; body: Buffer } {
  const end = content.indexOf(END_OF_HEADER);
  if (end === -1) return { header: content, body: Buffer.alloc(0) };
  return { header: content.subarray(0, end + 2), body: content.subarray(end + 4) };
}

function fieldName(field: Buffer): string {
  const colon = field.indexOf(0x3a);
  return (colon === -1 ? '' : field.subarray(0, colon).toString('latin1')).trim().toLowerCase();
}

function isReceived(field: Buffer): boolean {
  return fieldName(field) === 'received';
}

function show(field: Buffer, max = 60): string {
  const text = visibleBytes(field.subarray(0, max));
  return field.length > max ? `${text}...` : text;
}

/** Longest common subsequence of two field lists: the index pairs that match. */
function alignFields(a: readonly Buffer[], b: readonly Buffer[]): [number, number][] {
  const table: number[][] = a.map(() => new Array<number>(b.length + 1).fill(0));
  table.push(new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = table[i] as number[];
      const below = table[i + 1] as number[];
      row[j] = (a[i] as Buffer).equals(b[j] as Buffer)
        ? (below[j + 1] ?? 0) + 1
        : Math.max(below[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if ((a[i] as Buffer).equals(b[j] as Buffer)) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

/**
 * The header section passed on against the one submitted: existing fields unchanged and in
 * order, only Received: fields added, and those at the top (RFC 5321 §4.4).
 */
function judgeHeader(submitted: Buffer, relayed: Buffer): RelayProblem[] {
  const mine = headerFields(submitted);
  const theirs = headerFields(relayed);
  const pairs = alignFields(mine, theirs);
  const matchedMine = new Set(pairs.map(([i]) => i));
  const matchedTheirs = new Set(pairs.map(([, j]) => j));
  const firstKept = pairs[0]?.[1] ?? theirs.length;
  const problems: RelayProblem[] = [];
  mine.forEach((field, i) => {
    if (matchedMine.has(i)) return;
    problems.push(
      isReceived(field)
        ? {
            check: 'trace',
            rule: 'MUST',
            message: `the existing field "${show(field)}" was changed or deleted (RFC 5321 §4.4: a Received: line previously added MUST NOT be changed or deleted)`,
          }
        : {
            check: 'content',
            rule: 'MUST',
            message: `the header field "${show(field)}" was changed or deleted (RFC 5321 §3.6.3: a relay MUST NOT act upon the header section except to add its Received: field)`,
          },
    );
  });
  const added = theirs.flatMap((field, j) => (matchedTheirs.has(j) ? [] : [{ field, j }]));
  const onTop = added.filter((a) => a.j < firstKept && isReceived(a.field));
  for (const { field, j } of added) {
    if (!isReceived(field)) {
      problems.push({
        check: 'content',
        rule: 'MUST',
        message: `a header field "${show(field)}" was added (RFC 5321 §3.6.3: a relay adds only its own Received: field)`,
      });
    } else if (j >= firstKept) {
      problems.push({
        check: 'trace',
        rule: 'MUST',
        message: `a Received: field was inserted below existing header fields, not prepended: "${show(field)}" (RFC 5321 §4.4: Received lines MUST be prepended, never inserted in any other location)`,
      });
    }
  }
  const top = onTop[0]?.field;
  if (top === undefined) {
    const elsewhere = added.some((a) => isReceived(a.field));
    if (!elsewhere) {
      problems.push({
        check: 'trace',
        rule: 'MUST',
        message:
          'no Received: field was added at the top of the message (RFC 5321 §4.4: a server MUST insert trace information at the beginning of the message content)',
      });
    }
  } else {
    problems.push(...judgeStamp(top));
  }
  return problems;
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const DATE = new RegExp(
  `;\\s*(?:[A-Za-z]{3},\\s*)?\\d{1,2}\\s+${MONTH}\\s+(\\d+)\\s+\\d{2}:\\d{2}`,
  'i',
);

/**
 * The form of the Received: field the target added (RFC 5321 §4.4 Time-stamp-line):
 * a FROM clause (MUST in an SMTP environment), a BY clause, and a date-time whose year
 * has four digits (§4.4 and App. F.5: obs- forms MUST NOT be used).
 */
function judgeStamp(field: Buffer): RelayProblem[] {
  const text = field.toString('latin1').replace(/\r\n([ \t])/g, '$1');
  const problems: RelayProblem[] = [];
  const stamp = text.slice(text.indexOf(':') + 1);
  if (!/^\s*(?:\([^)]*\)\s*)*from\s/i.test(stamp)) {
    problems.push({
      check: 'trace',
      rule: 'MUST',
      message: `the added Received: field has no FROM clause first: "${show(field, 80)}" (RFC 5321 §4.4: the FROM clause MUST be supplied in an SMTP environment)`,
    });
  }
  const date = DATE.exec(stamp);
  if (date === null) {
    problems.push({
      check: 'trace',
      rule: 'MUST',
      message: `the added Received: field ends in no date-time after ";": "${show(field, 80)}" (RFC 5321 §4.4 Time-stamp-line)`,
    });
  } else if ((date[1] ?? '').length !== 4) {
    problems.push({
      check: 'trace',
      rule: 'MUST',
      message: `the added Received: field's date has a ${date[1]?.length}-digit year (RFC 5321 §4.4, App. F.5: four-digit years MUST be used)`,
    });
  }
  return problems;
}

/** Index of the first differing octet, or -1 when equal. */
function firstDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** The line of `body` that holds `offset` (a CRLF belongs to the line it ends), and its start. */
function lineAt(body: Buffer, offset: number): { start: number; line: Buffer } {
  let before = offset > 0 ? body.lastIndexOf(CRLF, offset - 1) : -1;
  if (before !== -1 && before + 2 > offset)
    before = before > 0 ? body.lastIndexOf(CRLF, before - 1) : -1;
  const start = before === -1 ? 0 : before + 2;
  const end = body.indexOf(CRLF, start);
  return { start, line: body.subarray(start, end === -1 ? body.length : end) };
}

/** The body passed on against the one submitted, with the likely cause of a difference. */
function judgeBody(submitted: Buffer, relayed: Buffer): RelayProblem[] {
  const at = firstDifference(submitted, relayed);
  if (at === -1) return [];
  const sent = submitted[at];
  const got = relayed[at];
  const where = `at octet ${at} of the body`;
  if (sent !== undefined && sent > 0x7f) {
    const arrived = got === undefined ? 'nothing' : `0x${got.toString(16)}`;
    return [
      {
        check: 'eight-bit',
        rule: 'MUST',
        message: `the 8-bit octet 0x${sent.toString(16)} ${where} arrived as ${arrived} (RFC 6152 §3: a server that accepted 8-bit content must relay it preserving all bits)`,
      },
    ];
  }
  const { start, line } = lineAt(submitted, at);
  if (line[0] === 0x2e && at - start <= 1) {
    return [
      {
        check: 'content',
        rule: 'MUST',
        message: `the line "${show(line)}" ${where} did not arrive as sent: it starts with "." and was not dot-stuffed on the way out (RFC 5321 §4.5.2: the client MUST insert one additional period)`,
      },
    ];
  }
  const expected = visibleBytes(submitted.subarray(at, at + 24));
  const actual = visibleBytes(relayed.subarray(at, at + 24));
  return [
    {
      check: 'content',
      rule: 'MUST',
      message: `the body differs ${where}: sent "${expected}", passed on "${actual}" (RFC 5321 §3.6.3: a relay MUST NOT change the message content)`,
    },
  ];
}

/** Every problem of the content passed on, for the checks the caller picks. */
export function judgeRelayedContent(submitted: Buffer, relayed: Buffer): RelayProblem[] {
  const mine = splitMessage(submitted);
  const theirs = splitMessage(relayed);
  return [...judgeHeader(mine.header, theirs.header), ...judgeBody(mine.body, theirs.body)];
}
