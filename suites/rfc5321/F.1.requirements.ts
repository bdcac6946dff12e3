/** Requirement register, RFC 5321 Appendix F.1 TURN. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, 'F.1');

export default [
  r('a', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'wire',
    text: 'Its use is deprecated; SMTP systems SHOULD NOT use it unless the server can authenticate the client.',
  }),
];
