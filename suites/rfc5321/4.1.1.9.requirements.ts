/** Requirement register, RFC 5321 §4.1.1.9 NOOP (NOOP). */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.1.9');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'If a parameter string is specified, servers SHOULD ignore it.',
  }),
];
