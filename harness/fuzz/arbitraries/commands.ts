/**
 * One entry point over the per-verb command arbitraries: a line for a given verb and form,
 * and a weighted mix of verbs and forms for session fuzzing.
 */
import fc from 'fast-check';
import type { CommandLine, CommandVerb } from './command-line.ts';
import type { Form } from './form.ts';
import { ehloCommand, heloCommand } from './helo.ts';
import { mailCommand, rcptCommand } from './mail-rcpt.ts';
import { noArgCommand, stringArgCommand } from './simple-commands.ts';
import { unknownCommand } from './unknown-command.ts';

/** What the session fuzzer tells the command arbitraries about the target. */
export interface CommandConstraints {
  /** Relative weights of the forms (default valid 6, boundary 1, invalid 3). */
  forms?: Partial<Record<Form, number>>;
  /** Client name for valid HELO/EHLO. */
  heloName?: fc.Arbitrary<string>;
  /** Senders for valid MAIL. */
  sender?: fc.Arbitrary<string>;
  /** Recipients for valid RCPT (known local users make transactions go further). */
  recipient?: fc.Arbitrary<string>;
  /** Arguments for valid VRFY/EXPN. */
  user?: fc.Arbitrary<string>;
}

/** Every verb, in RFC 5321 §4.1.1 order. */
export const COMMAND_VERBS: readonly CommandVerb[] = [
  'HELO',
  'EHLO',
  'MAIL',
  'RCPT',
  'DATA',
  'RSET',
  'VRFY',
  'EXPN',
  'HELP',
  'NOOP',
  'QUIT',
  'UNKNOWN',
];

/** A line for `verb` in `form`. DATA, RSET and QUIT have no boundary form: valid is used. */
export function commandLine(
  verb: CommandVerb,
  form: Form,
  c: CommandConstraints = {},
): fc.Arbitrary<CommandLine> {
  switch (verb) {
    case 'HELO':
      return heloCommand({ form, ...(c.heloName ? { name: c.heloName } : {}) });
    case 'EHLO':
      return ehloCommand({ form, ...(c.heloName ? { name: c.heloName } : {}) });
    case 'MAIL':
      return mailCommand({
        form,
        keywords: ['SIZE', 'BODY'],
        ...(c.sender ? { mailbox: c.sender } : {}),
      });
    case 'RCPT':
      return rcptCommand({ form, ...(c.recipient ? { mailbox: c.recipient } : {}) });
    case 'DATA':
    case 'RSET':
    case 'QUIT':
      return noArgCommand(verb, { form: form === 'invalid' ? 'invalid' : 'valid' });
    case 'VRFY':
    case 'EXPN':
      return stringArgCommand(verb, { form, ...(c.user ? { argument: c.user } : {}) });
    case 'HELP':
    case 'NOOP':
      return stringArgCommand(verb, { form });
    case 'UNKNOWN':
      return unknownCommand({ form });
  }
}

/** A form drawn with the constraint's weights. */
export function formArb(c: CommandConstraints = {}): fc.Arbitrary<Form> {
  const w = { valid: 6, boundary: 1, invalid: 3, ...c.forms };
  const forms = (['valid', 'boundary', 'invalid'] as const).filter((f) => w[f] > 0);
  return fc.oneof(...forms.map((f) => ({ arbitrary: fc.constant(f), weight: w[f] })));
}

/**
 * A line for `verb` with the form drawn by weight. The arbitraries of the forms are built
 * once here, not per generated line (a `chain` would rebuild them every time).
 */
export function weightedCommand(
  verb: CommandVerb,
  c: CommandConstraints = {},
): fc.Arbitrary<CommandLine> {
  const w = { valid: 6, boundary: 1, invalid: 3, ...c.forms };
  const forms = (['valid', 'boundary', 'invalid'] as const).filter((f) => w[f] > 0);
  return fc.oneof(...forms.map((f) => ({ arbitrary: commandLine(verb, f, c), weight: w[f] })));
}
