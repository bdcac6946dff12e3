/**
 * The commands with no argument or a String argument (RFC 5321 §4.1.1.4-§4.1.1.10):
 * `data = "DATA" CRLF`, `rset = "RSET" CRLF`, `quit = "QUIT" CRLF`,
 * `vrfy = "VRFY" SP String CRLF`, `expn = "EXPN" SP String CRLF`,
 * `help = "HELP" [ SP String ] CRLF`, `noop = "NOOP" [ SP String ] CRLF`,
 * with §4.1.2 `String = Atom / Quoted-string`.
 */
import fc from 'fast-check';
import {
  type CommandLine,
  lineOf,
  MAX_COMMAND_TEXT,
  mutateLine,
  verbText,
} from './command-line.ts';
import { ATEXT, exactly, type FormConstraints, QTEXT_SMTP, stringOf, VCHAR } from './form.ts';

/** Verbs without an argument. */
export type NoArgVerb = 'DATA' | 'RSET' | 'QUIT';
/** Verbs with a String argument, required (`VRFY`, `EXPN`) or optional (`HELP`, `NOOP`). */
export type StringArgVerb = 'VRFY' | 'EXPN' | 'HELP' | 'NOOP';

/** Options of {@link noArgCommand}; there is no size to reach, so no `boundary` form. */
export interface NoArgConstraints {
  form?: 'valid' | 'invalid';
}

/** Options of {@link stringArgCommand}. */
export interface StringArgConstraints extends FormConstraints {
  /** Arguments for valid lines (e.g. a user the target knows, for VRFY); default generated. */
  argument?: fc.Arbitrary<string>;
}

/** §4.1.2 `String = Atom / Quoted-string`. */
export function smtpString(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: stringOf(ATEXT, 1, 16), weight: 4 },
    { arbitrary: stringOf(QTEXT_SMTP, 0, 16).map((s) => `"${s}"`), weight: 1 },
  );
}

/** A DATA, RSET or QUIT line in the requested form. */
export function noArgCommand(verb: NoArgVerb, c: NoArgConstraints = {}): fc.Arbitrary<CommandLine> {
  const valid = verbText(verb).map((v) => lineOf(verb, v, 'valid', ''));
  if ((c.form ?? 'valid') === 'valid') return valid;
  return fc.oneof(
    // RFC 5321 §4.3.2 / §4.1.1: these take no argument ("SHOULD" get 501 with one).
    stringOf(VCHAR, 1, 12).map((a) => lineOf(verb, `${verb} ${a}`, 'invalid', 'with-argument')),
    fc.constant(lineOf(verb, `${verb}:`, 'invalid', 'glued-colon')),
    mutateLine(valid),
  );
}

/** A line of exactly 510 octets (512 with the CRLF), the argument being one Atom. */
function boundary(verb: StringArgVerb): fc.Arbitrary<CommandLine> {
  return verbText(verb).chain((v) =>
    exactly(ATEXT, MAX_COMMAND_TEXT - v.length - 1).map((a) =>
      lineOf(verb, `${v} ${a}`, 'boundary', 'line-512'),
    ),
  );
}

function invalidString(
  verb: StringArgVerb,
  valid: fc.Arbitrary<CommandLine>,
): fc.Arbitrary<CommandLine> {
  const required = verb === 'VRFY' || verb === 'EXPN';
  const own = [
    // Not an Atom and not quoted: codecs that accept it report the argument-not-string leniency.
    fc
      .tuple(stringOf(ATEXT, 1, 6), fc.constantFrom(' ', '<', '@', '(', '"'), stringOf(ATEXT, 1, 6))
      .map(([a, s, b]) => lineOf(verb, `${verb} ${a}${s}${b}`, 'invalid', 'not-a-string')),
    stringOf(QTEXT_SMTP, 0, 8).map((s) =>
      lineOf(verb, `${verb} "${s}`, 'invalid', 'unterminated-quote'),
    ),
  ];
  if (required) own.push(fc.constant(lineOf(verb, verb, 'invalid', 'missing-argument')));
  return fc.oneof(...own, mutateLine(valid));
}

/** A VRFY, EXPN, HELP or NOOP line in the requested form. */
export function stringArgCommand(
  verb: StringArgVerb,
  c: StringArgConstraints = {},
): fc.Arbitrary<CommandLine> {
  const argument = c.argument ?? smtpString();
  const optional = verb === 'HELP' || verb === 'NOOP';
  const arg = optional ? fc.option(argument, { freq: 3, nil: undefined }) : argument;
  const valid = fc
    .tuple(verbText(verb), arg)
    .map(([v, a]) => lineOf(verb, a === undefined ? v : `${v} ${a}`, 'valid', ''));
  switch (c.form ?? 'valid') {
    case 'valid':
      return valid;
    case 'boundary':
      return boundary(verb);
    case 'invalid':
      return invalidString(verb, valid);
  }
}
