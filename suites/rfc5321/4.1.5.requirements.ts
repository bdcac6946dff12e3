/** Requirement register, RFC 5321 §4.1.5 Private-Use Commands. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.5');

export default [
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Commands sent or accepted by SMTP systems that do not start with "X" MUST conform to the requirements of Section 2.2.2.',
  }),
];
