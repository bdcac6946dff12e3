/** Requirement register, RFC 5321 Appendix F.5 Dates and Years. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, 'F.5');

export default [
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'delivery',
    text: 'When dates are inserted into messages by SMTP clients or servers (e.g., in trace header fields), four-digit years MUST BE used.',
  }),
];
