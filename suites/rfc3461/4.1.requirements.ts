/**
 * Requirement register, RFC 3461 §4.1 The NOTIFY parameter of the ESMTP RCPT command.
 *
 * The grammar lines are what a server checks a parameter against.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(3461, '4.1');

export default [
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'notify-esmtp-value  = "NEVER" / 1#notify-list-element',
  }),
  r('b', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'notify-list-element = "SUCCESS" / "FAILURE" / "DELAY"',
  }),
  r('c', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Multiple notify-list-elements, separated by commas, MAY appear in a NOTIFY parameter; however, the NEVER keyword MUST appear by itself.',
  }),
];
