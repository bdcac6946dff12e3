/**
 * One reply line: its head (code, separator, text) and every deviation it shows
 * (RFC 5321 §4.2, §4.2.1, §2.3.8). Used by the reply parser in reply.ts.
 */
import { SMTP_LIMITS } from './limits.ts';
import type { ByteIssue, FramedLine } from './lines.ts';

/**
 * One deviation from RFC 5321 §4.2 in a reply. `line` is the 0-based index of the line in
 * the reply; `rule` names the section, e.g. `RFC 5321 §4.2.1`. The kinds `missing-text`
 * (bare code, "250 ") and `long-line` (over the 512 octets of §4.5.3.1.5) are additions.
 * Some kinds are SHOULD-level only: see {@link ADVISORY_VIOLATIONS}.
 */
export interface ReplyViolation {
  kind:
    | 'bad-code'
    | 'bad-first-digit'
    | 'code-mismatch'
    | 'bad-separator'
    | 'bare-lf'
    | 'bare-cr'
    | 'nul'
    | '8bit'
    | 'missing-text-separator'
    | 'missing-text'
    | 'long-line';
  line: number;
  message: string;
  rule: string;
}

/**
 * Violation kinds that break a SHOULD, not a MUST: grade them `warn`, never `fail`.
 * RFC 5321 §4.2.1 "servers SHOULD send the <SP>", §4.2 "senders SHOULD NOT send bare
 * codes", §4.5.3.1 "Objects larger than these sizes SHOULD be avoided".
 */
export const ADVISORY_VIOLATIONS: ReadonlySet<ReplyViolation['kind']> = new Set([
  'missing-text-separator',
  'missing-text',
  'long-line',
]);

/** A line that starts with a reply code (possibly a malformed one). */
export interface ReplyLineHead {
  kind: 'line';
  /** The code as a number; for a `bad-code` line, the digits that were there. */
  code: number;
  /** The code digits as sent, compared between lines of one reply. */
  digits: string;
  /** True when the separator is "-": more lines of this reply follow. */
  continues: boolean;
  /** Text after the separator (latin1). A bad separator stays part of the text. */
  text: string;
  violations: Omit<ReplyViolation, 'line'>[];
}

/** A line that cannot start or continue any reply. */
export interface MalformedReplyLine {
  kind: 'malformed';
  reason: string;
}

/** Longest digit run still read as a (bad) code; longer runs are not a code at all. */
const MAX_CODE_DIGITS = 6;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const HYPHEN = 0x2d;
const SP = 0x20;

function digitRun(bytes: Buffer): number {
  let n = 0;
  while (n < bytes.length && (bytes[n] ?? 0) >= DIGIT_0 && (bytes[n] ?? 0) <= DIGIT_9) n++;
  return n;
}

/** Splits a reply line (without terminator) into code, separator and text. */
export function parseReplyLine(bytes: Buffer): ReplyLineHead | MalformedReplyLine {
  const n = digitRun(bytes);
  if (n === 0) return { kind: 'malformed', reason: 'line does not start with a reply code' };
  if (n > MAX_CODE_DIGITS) {
    return { kind: 'malformed', reason: `line starts with ${n} digits, not a 3-digit reply code` };
  }
  const digits = bytes.toString('latin1', 0, n);
  const violations = codeViolations(digits);
  const sep = bytes[n];
  const continues = sep === HYPHEN;
  const text = readText(bytes, n, digits, violations);
  return { kind: 'line', code: Number(digits), digits, continues, text, violations };
}

/** The text after the code at `bytes[n]`, recording separator deviations. */
function readText(
  bytes: Buffer,
  n: number,
  digits: string,
  violations: Omit<ReplyViolation, 'line'>[],
): string {
  const sep = bytes[n];
  if (sep === undefined) {
    violations.push(missingSeparator(digits), bareCode(digits));
    return '';
  }
  if (sep === SP || sep === HYPHEN) {
    const text = bytes.toString('latin1', n + 1);
    if (sep === SP && text.length === 0) violations.push(bareCode(digits));
    return text;
  }
  violations.push({
    kind: 'bad-separator',
    message: `code ${digits} is followed by 0x${sep.toString(16).padStart(2, '0')}, not SP or "-"`,
    // RFC 5321 §4.2.1: every line but the last has the code "followed immediately by a
    // hyphen"; the last has the code "followed immediately by <SP>".
    rule: 'RFC 5321 §4.2.1',
  });
  // A bad separator stays part of the text, so nothing the server sent is hidden.
  return bytes.toString('latin1', n);
}

function codeViolations(digits: string): Omit<ReplyViolation, 'line'>[] {
  if (digits.length !== 3) {
    return [
      {
        kind: 'bad-code',
        message: `reply code ${digits} has ${digits.length} digits, not 3`,
        // RFC 5321 §4.3.2: servers "MUST NOT transmit reply codes to an SMTP client that are
        // other than three digits".
        rule: 'RFC 5321 §4.3.2',
      },
    ];
  }
  const found: Omit<ReplyViolation, 'line'>[] = [];
  const first = digits.charCodeAt(0) - DIGIT_0;
  const second = digits.charCodeAt(1) - DIGIT_0;
  if (first < 2 || first > 5) {
    found.push({
      kind: 'bad-first-digit',
      message: `reply code ${digits} starts with ${first}; only 2, 3, 4 and 5 are allowed`,
      // RFC 5321 §4.2: servers "MUST NOT send reply codes whose first digits are other than
      // 2, 3, 4, or 5" (the four values of §4.2.1).
      rule: 'RFC 5321 §4.2',
    });
  }
  if (second > 5) {
    found.push({
      kind: 'bad-code',
      message: `reply code ${digits} has second digit ${second}; the grammar allows 0-5`,
      // RFC 5321 §4.2: Reply-code = %x32-35 %x30-35 %x30-39.
      rule: 'RFC 5321 §4.2',
    });
  }
  return found;
}

/** RFC 5321 §4.2.1: "servers SHOULD send the <SP> if subsequent text is not sent". */
function missingSeparator(digits: string): Omit<ReplyViolation, 'line'> {
  return {
    kind: 'missing-text-separator',
    message: `last line ${digits} has no space after the code`,
    rule: 'RFC 5321 §4.2.1',
  };
}

/** RFC 5321 §4.2: "senders SHOULD NOT send bare codes" (clients must still accept them). */
function bareCode(digits: string): Omit<ReplyViolation, 'line'> {
  return {
    kind: 'missing-text',
    message: `last line ${digits} has no text after the code`,
    rule: 'RFC 5321 §4.2',
  };
}

/**
 * Every deviation of one framed reply line: those of its head, a code differing from the
 * reply's first line (`firstDigits`), a bare-LF end, bad octets and excess length.
 * `line` is the 0-based index in the reply; `size` the line's octets with terminator.
 */
export function lineViolations(
  head: ReplyLineHead,
  firstDigits: string,
  line: number,
  framed: Extract<FramedLine, { kind: 'line' }>,
  size: number,
): ReplyViolation[] {
  const found: ReplyViolation[] = head.violations.map((v) => ({ ...v, line }));
  if (line > 0 && head.digits !== firstDigits) {
    found.push({
      kind: 'code-mismatch',
      line,
      message: `line ${line + 1} has code ${head.digits}, the reply started with ${firstDigits}`,
      // RFC 5321 §4.2.1: "In a multiline reply, the reply code on each of the lines MUST be
      // the same."
      rule: 'RFC 5321 §4.2.1',
    });
  }
  if (framed.end === 'LF') {
    found.push({
      kind: 'bare-lf',
      line,
      message: `line ${line + 1} ends in a bare LF, not CRLF`,
      // RFC 5321 §2.3.8: lines end in <CRLF>; implementations "MUST NOT recognize or
      // generate any other character or character sequence as a line terminator".
      rule: 'RFC 5321 §2.3.8',
    });
  }
  found.push(...issueViolations(framed.issues, line));
  if (size > SMTP_LIMITS.replyLine) {
    found.push({
      kind: 'long-line',
      line,
      message: `line ${line + 1} is ${size} octets, over the ${SMTP_LIMITS.replyLine} of a reply line`,
      // RFC 5321 §4.5.3.1: "Objects larger than these sizes SHOULD be avoided" (advisory).
      rule: 'RFC 5321 §4.5.3.1.5',
    });
  }
  return found;
}

const ISSUE_RULES: Record<ByteIssue['kind'], { rule: string; what: string }> = {
  // RFC 5321 §2.3.8: CR and LF only ever appear together, as the line terminator.
  'bare-cr': { rule: 'RFC 5321 §2.3.8', what: 'bare CR' },
  'bare-lf': { rule: 'RFC 5321 §2.3.8', what: 'bare LF' },
  // RFC 5321 §4.2: textstring = 1*(%d09 / %d32-126), which has no NUL.
  nul: { rule: 'RFC 5321 §4.2', what: 'NUL octet' },
  // RFC 5321 §2.4: "Commands and replies are composed of characters from the ASCII
  // character set" (extensions such as SMTPUTF8 may widen this; the caller judges).
  '8bit': { rule: 'RFC 5321 §2.4', what: '8-bit octet' },
};

/** One violation per issue kind per line, naming the first offset and the count. */
function issueViolations(issues: ByteIssue[], line: number): ReplyViolation[] {
  const byKind = new Map<ByteIssue['kind'], number[]>();
  for (const issue of issues) {
    const offsets = byKind.get(issue.kind) ?? [];
    offsets.push(issue.offset);
    byKind.set(issue.kind, offsets);
  }
  return [...byKind].map(([kind, offsets]) => {
    const { rule, what } = ISSUE_RULES[kind];
    const count = offsets.length > 1 ? ` (${offsets.length} in this line)` : '';
    return {
      kind,
      line,
      message: `line ${line + 1} has a ${what} at offset ${offsets[0]}${count}`,
      rule,
    };
  });
}
