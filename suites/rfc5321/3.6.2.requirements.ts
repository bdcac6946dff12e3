/** Requirement register, RFC 5321 §3.6.2 Mail eXchange Records and Relaying. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.6.2');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'If it declines to relay mail to a particular address for policy reasons, a 550 response SHOULD be returned.',
  }),
];
