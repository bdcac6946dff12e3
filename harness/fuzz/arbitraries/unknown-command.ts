/**
 * Commands no server implements. RFC 5321 §4.2.4: "If the command is not recognized,
 * code 500 SHOULD be returned"; §4.1.1 `command = verb [SP argument] CRLF`.
 *
 * Words start with J or Z: no verb of RFC 5321, its extensions or the common vendor verbs
 * (ETRN, ATRN, XCLIENT, XFORWARD, VERB, ONEX, ...) does, so a 500 or 502 is the only
 * sensible answer.
 */
import fc from 'fast-check';
import { type CommandLine, lineOf, MAX_COMMAND_TEXT, padding } from './command-line.ts';
import { ALPHA, charOf, type FormConstraints, stringOf, VCHAR } from './form.ts';

/** Options of {@link unknownCommand}. */
export type UnknownConstraints = FormConstraints;

/** A word no SMTP server knows: J or Z, then 2-7 letters. */
export const unknownVerb: fc.Arbitrary<string> = fc
  .tuple(charOf(['J', 'Z', 'j', 'z']), stringOf(ALPHA, 2, 7))
  .map(([a, rest]) => a + rest);

const argument = fc.option(stringOf(VCHAR, 1, 20), { freq: 2, nil: undefined });

/**
 * `valid`: a well-formed line with an unknown word (it parses, as UNKNOWN).
 * `boundary`: such a line of exactly 510 octets (512 with CRLF).
 * `invalid`: a line with no verb at all (empty, or starting with SP) or over 512 octets.
 */
export function unknownCommand(c: UnknownConstraints = {}): fc.Arbitrary<CommandLine> {
  switch (c.form ?? 'valid') {
    case 'valid':
      return fc
        .tuple(unknownVerb, argument)
        .map(([v, a]) => lineOf('UNKNOWN', a === undefined ? v : `${v} ${a}`, 'valid', ''));
    case 'boundary':
      return unknownVerb.chain((v) =>
        padding(MAX_COMMAND_TEXT - v.length - 1).map((p) =>
          lineOf('UNKNOWN', `${v} ${p}`, 'boundary', 'line-512'),
        ),
      );
    case 'invalid':
      return fc.oneof(
        fc.constant(lineOf('UNKNOWN', '', 'invalid', 'empty-line')),
        unknownVerb.map((v) => lineOf('UNKNOWN', ` ${v}`, 'invalid', 'leading-space')),
        unknownVerb.chain((v) =>
          fc
            .integer({ min: MAX_COMMAND_TEXT, max: MAX_COMMAND_TEXT + 600 })
            .chain((n) => padding(n - v.length))
            .map((p) => lineOf('UNKNOWN', `${v} ${p}`, 'invalid', 'over-long')),
        ),
      );
  }
}
