/**
 * How the driver records what it did as scenario steps (harness/scenario/types.ts), so a
 * failing run becomes a reproducer that the runner replays byte for byte.
 */
import type { ReplyExpectation, Step } from '../scenario/types.ts';
import type { CommandLine } from './arbitraries/command-line.ts';
import type { ReplyRule } from './model.ts';

/** Any reply at all: the expectation where the model makes no prediction. */
export const ANY_REPLY: ReplyExpectation = {
  codes: ['2xx', '3xx', '4xx', '5xx'],
  closeAllowed: true,
};

/** The scenario expectation for a model rule (421 and close always allowed, RFC 5321 §3.8). */
export function expectationOf(rule: ReplyRule): ReplyExpectation {
  return { codes: [...rule.codes], closeAllowed: true, because: rule.because };
}

/** Printable ASCII with no template marker: can be a `send` step as written. */
function isPlainLine(text: string): boolean {
  return /^[\x20-\x7e]+$/.test(text) && !text.includes('{{');
}

/** What a raw step's note says about a line: `RCPT line (nul) in 2 writes`. */
export function noteFor(line: CommandLine, parts: number): string {
  const what =
    line.mutation === ''
      ? `${line.form} ${line.verb} line`
      : `${line.verb} line (${line.mutation})`;
  return parts > 1 ? `${what} in ${parts} writes` : what;
}

/** A `sendRaw` step of `parts` (one write each), latin1 so every octet survives JSON. */
export function rawStep(
  parts: readonly Buffer[],
  pauseMs: number,
  note: string,
  expect?: ReplyExpectation,
): Step {
  const texts = parts.map((p) => p.toString('latin1'));
  const base =
    texts.length === 1
      ? { kind: 'sendRaw' as const, bytes: texts[0] ?? '', note }
      : { kind: 'sendRaw' as const, parts: texts, pauseMs, note };
  return expect === undefined ? base : { ...base, expect };
}

/** The step for one command line: `send` when the encoder can write it, else `sendRaw`. */
export function lineStep(
  line: CommandLine,
  parts: readonly Buffer[],
  pauseMs: number,
  expect: ReplyExpectation,
): Step {
  if (parts.length === 1 && isPlainLine(line.text))
    return { kind: 'send', line: line.text, expect };
  return rawStep(parts, pauseMs, noteFor(line, parts.length), expect);
}
