/**
 * The segmentation matrix (Autobahn style): framing-sensitive exchanges sent cut into TCP
 * writes at every position, or chopped into writes of n octets. TCP is a byte stream and
 * only CRLF ends a line (RFC 5321 §2.3.8), so a conformant server answers each exchange
 * the same way however it is cut. Every case ends with QUIT: a server that misframed the
 * input answers something it read as an extra command, and QUIT then gets that reply
 * instead of its 221, so no silence has to be waited out. The RFC 5321 cases open the
 * session with HELO, whose reply is one line, so that only the exchange under test can
 * leave a reply over. Files starting with `_` are not suite files.
 */
import type { ReplyExpectation, Step } from '../harness/scenario/types.ts';
import { PROBES } from './_state-matrix.ts';

/** Pause between the writes of a cut exchange: enough for each to be read on its own. */
export const PAUSE_MS = 2;

/** QUIT gets its own 221, then the close: no reply was left over. */
export const QUIT_IN_STEP: readonly Step[] = PROBES.quit.steps;
/** What the QUIT at the end of every case is judged by. */
export const QUIT_REQUIREMENTS: readonly string[] = PROBES.quit.requirements;

/** The places `{{name}}` templates take in `text`, as [start, end) offsets. */
function templateSpans(text: string): [number, number][] {
  return [...text.matchAll(/\{\{[^{}]*\}\}/g)].map((m) => [m.index, m.index + m[0].length]);
}

/**
 * `text` cut after each offset in `at`, in order. A cut must fall outside the templates
 * (their length is known only at run time): a suite that asks otherwise is a bug, caught
 * when the suite loads.
 */
export function cutAt(text: string, at: readonly number[]): string[] {
  const spans = templateSpans(text);
  const parts: string[] = [];
  let from = 0;
  for (const cut of at) {
    if (cut <= from || cut >= text.length) throw new Error(`bad cut ${cut} in ${show(text)}`);
    if (spans.some(([s, e]) => cut > s && cut < e)) {
      throw new Error(`cut ${cut} falls inside a template in ${show(text)}`);
    }
    parts.push(text.slice(from, cut));
    from = cut;
  }
  parts.push(text.slice(from));
  return parts;
}

/** Octets as a note shows them: CR, LF and non-ASCII escaped. */
export function show(text: string): string {
  return JSON.stringify(text).replace(
    /[\u0080-\u00ff]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** A raw step sending `text` cut after the offsets `at`, each piece its own write. */
export function sentCut(
  text: string,
  at: readonly number[],
  what: string,
  expect: ReplyExpectation,
): Step {
  const parts = cutAt(text, at);
  return {
    kind: 'sendRaw',
    parts,
    pauseMs: PAUSE_MS,
    note: `${what} in ${parts.length} writes: ${parts.map(show).join(' | ')}`,
    expect,
  };
}

/** A raw step sending `text` (templates filled in) in writes of `size` octets. */
export function sentChopped(
  text: string,
  size: number,
  what: string,
  expect: ReplyExpectation,
): Step {
  return {
    kind: 'sendRaw',
    bytes: text,
    chop: size,
    pauseMs: PAUSE_MS,
    note: `${what} in writes of ${size} octet${size === 1 ? '' : 's'}: ${show(text)}`,
    expect,
  };
}
