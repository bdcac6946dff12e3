/**
 * Requirement register, RFC 3461 §4.3 The RET parameter of the ESMTP MAIL command.
 *
 * The grammar lines are what a server checks a parameter against.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(3461, '4.3');

export default [
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'ret-value = "FULL" / "HDRS"',
  }),
];
