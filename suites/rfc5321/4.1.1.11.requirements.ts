/** Requirement register, RFC 5321 §4.1.1.11 Mail-Parameter and Rcpt-Parameter Error Responses. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.1.11');

export default [
  // No RFC 2119 keyword ("will return"): a server that takes a parameter it does not know
  // breaks no stated requirement, so the cases citing this report what it did (MAY).
  r('a', {
    level: 'MAY',
    binds: 'server',
    testable: 'wire',
    text: 'If the server SMTP does not recognize or cannot implement one or more of the parameters associated with a particular MAIL FROM or RCPT TO command, it will return code 555.',
  }),
];
