/** Requirement register, RFC 5321 §2.2.2 Definition and Registration of Extensions. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '2.2.2');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'none',
    reason: 'binds the IANA registry and the authors of extension specifications',
    text: 'Keywords beginning with "X" MUST NOT be used in a registered service extension.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Conversely, keyword values presented in the EHLO response that do not begin with "X" MUST correspond to a Standard, Standards-Track, or IESG-approved Experimental SMTP service extension registered with IANA.',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'A conforming server MUST NOT offer non-"X"-prefixed keyword values that are not described in a registered extension.',
  }),
];
