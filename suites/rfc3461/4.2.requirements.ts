/**
 * Requirement register, RFC 3461 §4.2 The ORCPT parameter to the ESMTP RCPT command.
 *
 * The grammar lines are what a server checks a parameter against.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(3461, '4.2');

export default [
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'original-recipient-address = addr-type ";" xtext',
  }),
];
