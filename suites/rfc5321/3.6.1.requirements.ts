/** Requirement register, RFC 5321 §3.6.1 Source Routes and Relaying. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.6.1');

export default [
  r('a', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'SMTP clients SHOULD NOT generate explicit source routes except under unusual circumstances.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'When route information is encountered, SMTP servers MAY ignore the route information and simply send to the final destination specified as the last element in the route and SHOULD do so.',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'This is one of several reasons why SMTP clients MUST NOT generate invalid source routes or depend on serial resolution of names.',
  }),
];
