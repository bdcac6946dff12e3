/**
 * A generated command line and the mutations every command shares. RFC 5321 §4.1.1:
 * a command is a verb, SP-separated arguments and CRLF, at most 512 octets with the CRLF
 * (§4.5.3.1.4). The text here never includes the final CRLF.
 */
import fc from 'fast-check';
import type { Verb } from '../../wire/command-error.ts';
import { SMTP_LIMITS } from '../../wire/limits.ts';
import { charOf, type Form, HOSTILE_OCTETS, type HostileOctet, VCHAR } from './form.ts';

/** The verbs the fuzzer speaks (the RFC 5321 core ones); `UNKNOWN` is a word no server implements. */
export type CommandVerb =
  | Extract<Verb, 'HELO' | 'EHLO' | 'MAIL' | 'RCPT' | 'DATA' | 'RSET'>
  | Extract<Verb, 'VRFY' | 'EXPN' | 'HELP' | 'NOOP' | 'QUIT'>
  | 'UNKNOWN';

/**
 * One command line: `text` is latin1 (one char per octet), without CRLF; `mutation` names
 * what made an invalid or boundary line (`''` for a plain valid one).
 */
export interface CommandLine {
  verb: CommandVerb;
  text: string;
  form: Form;
  mutation: string;
  /**
   * The well-formed line a mutation was made from, if any: a finding's trigger is retried
   * with it (campaign.ts), so that a mutation that does not matter leaves the finding.
   */
  base?: string;
}

/** Longest command text without its CRLF. */
export const MAX_COMMAND_TEXT = SMTP_LIMITS.commandLine - 2;

/** A verb in upper case (mostly) or mixed case: RFC 5321 §2.4 makes both valid. */
export function verbText(verb: string): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constant(verb), weight: 5 },
    { arbitrary: fc.mixedCase(fc.constant(verb)), weight: 1 },
  );
}

/** Mutations that apply to any command line. */
export const LINE_MUTATIONS = [
  'nul',
  'tab',
  'bare-cr',
  'bare-lf',
  'del',
  '8bit',
  'leading-space',
  'trailing-space',
  'over-long',
] as const;

/** Name of one line mutation. */
export type LineMutation = (typeof LINE_MUTATIONS)[number];

/**
 * Applies one mutation to a valid line. Hostile octets go somewhere in the line (in the
 * verb they make an unknown word, in the argument a syntax error); `over-long` pads the
 * line past 512 octets with printable text.
 */
export function mutateLine(
  valid: fc.Arbitrary<CommandLine>,
  only?: readonly LineMutation[],
): fc.Arbitrary<CommandLine> {
  const names = only ?? LINE_MUTATIONS;
  return fc.tuple(valid, fc.constantFrom(...names), fc.nat()).chain(([line, name, seed]) => {
    const invalid = (text: string): CommandLine => ({
      verb: line.verb,
      text,
      form: 'invalid',
      mutation: name,
      base: line.text,
    });
    const text = line.text;
    if (name in HOSTILE_OCTETS) {
      const at = seed % (text.length + 1);
      const octet = HOSTILE_OCTETS[name as HostileOctet];
      // At the very end a bare CR would sit right before the CRLF: keep it inside.
      const pos = name === 'bare-cr' && at === text.length ? Math.max(0, at - 1) : at;
      return fc.constant(invalid(text.slice(0, pos) + octet + text.slice(pos)));
    }
    switch (name) {
      case 'leading-space':
        return fc.constant(invalid(` ${text}`));
      case 'trailing-space':
        return fc.constant(invalid(`${text} `));
      default:
        return fc
          .integer({
            min: MAX_COMMAND_TEXT + 1 - text.length,
            max: MAX_COMMAND_TEXT + 600 - text.length,
          })
          .chain((n) => padding(n))
          .map((pad) => invalid(`${text}${text.includes(' ') ? '' : ' '}${pad}`));
    }
  });
}

/** `n` octets of printable text, starting with a letter. */
export function padding(n: number): fc.Arbitrary<string> {
  return fc
    .tuple(charOf(['x', 'Y', 'z']), charOf(VCHAR))
    .map(([a, b]) => (a + b.repeat(Math.max(0, n - 1))).slice(0, Math.max(0, n)));
}

/** A line of another form, with its mutation name (and the line it was made from). */
export function lineOf(
  verb: CommandVerb,
  text: string,
  form: Form,
  mutation: string,
  base?: string,
): CommandLine {
  return base === undefined ? { verb, text, form, mutation } : { verb, text, form, mutation, base };
}

/**
 * True when servers may frame `text` differently (a bare CR or LF inside, or more than
 * 512 octets): RFC 5321 leaves the reply count open, so the model stops after it.
 */
export function isAmbiguous(text: string): boolean {
  return /[\r\n]/.test(text) || text.length + 2 > SMTP_LIMITS.commandLine;
}
