/** Requirement register, RFC 5321 §4.5.3.1 Size Limits and Minimums. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.3.1');

export default [
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Every implementation MUST be able to receive objects of at least these sizes.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'both',
    testable: 'wire',
    text: 'Objects larger than these sizes SHOULD be avoided when possible.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'Clients MAY attempt to transmit these, but MUST be prepared for a server to reject them if they cannot be handled by it.',
  }),
];
