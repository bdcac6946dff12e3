/**
 * Requirement register, RFC 3461 §4.4 The ENVID parameter to the ESMTP MAIL command.
 *
 * The grammar lines are what a server checks a parameter against.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(3461, '4.4');

export default [
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'envid-parameter = "ENVID=" xtext',
  }),
];
