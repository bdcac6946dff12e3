/** Requirement register, RFC 5321 Appendix F.3 HELO. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, 'F.3');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'As discussed in Sections 3.1 and 4.1.1, EHLO SHOULD be used rather than HELO when the server will accept the former.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Servers MUST continue to accept and process HELO in order to support older clients.',
  }),
];
