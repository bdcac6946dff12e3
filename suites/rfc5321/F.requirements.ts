/** Requirement register, RFC 5321 Appendix F. Deprecated Features of RFC 821. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, 'F');

export default [
  r('a', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'none',
    reason: 'an umbrella statement; F.1 to F.6 carry the testable rules one feature at a time',
    text: 'A few features of RFC 821 have proven to be problematic and SHOULD NOT be used in Internet mail.',
  }),
];
