/** Requirement register, RFC 5321 Appendix F.4 #-literals. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, 'F.4');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'delivery',
    text: 'It is deprecated and MUST NOT be used.',
  }),
];
