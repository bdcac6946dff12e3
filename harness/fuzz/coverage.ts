/**
 * The state signal of feedback fuzzing: each reply becomes a (protocol state, command kind,
 * reply code) triple. A black-box server's reply codes say which of its code paths a command
 * reached (the lesson of AFLNet: Pham, Böhme, Roychoudhury, ICST 2020), so a run that reaches
 * a triple never seen before is kept and built on.
 */
import type { ModelInput, SmtpModel } from './model.ts';

/** Recipients as the state sees them: one, some, or past the 100 servers must take. */
function recipientClass(n: number): string {
  if (n <= 1) return '';
  return n <= 100 ? '(2-100)' : '(101+)';
}

/**
 * The protocol state as the model knows it: `rcpt(101+)`, `helo+tls`, `greeted+tls+auth`.
 * RFC 5321 §4.5.3.1.8 asks servers to take at least 100 recipients, so a transaction past
 * that is a state of its own, and feedback keeps the runs that got there.
 */
export function protocolState(m: Readonly<SmtpModel>): string {
  return `${m.state}${recipientClass(m.recipients)}${m.tls ? '+tls' : ''}${m.authenticated ? '+auth' : ''}`;
}

/** What kind of command a reply answered: `MAIL invalid`, `BDAT last`, `AUTH-RESPONSE malformed`. */
export function commandKind(input: ModelInput): string {
  switch (input.verb) {
    case 'END-OF-DATA':
    case 'STARTTLS':
    case 'SENTINEL':
      return input.verb;
    case 'BDAT':
      return input.last ? 'BDAT last' : 'BDAT chunk';
    case 'AUTH':
      return `AUTH ${input.initial ?? 'no-initial-response'}`;
    case 'AUTH-RESPONSE':
      return `AUTH-RESPONSE ${input.kind}`;
    default:
      return `${input.verb} ${input.form}`;
  }
}

/** `rcpt | DATA valid | 354`: the triple of a reply `code` to `input` in model state `m`. */
export function tripleOf(m: Readonly<SmtpModel>, input: ModelInput, code: number): string {
  return `${protocolState(m)} | ${commandKind(input)} | ${code}`;
}
