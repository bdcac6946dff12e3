/** Requirement register, RFC 5321 Appendix F.6 Sending versus Mailing. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, 'F.6');

export default [
  r('a', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'Clients SHOULD NOT provide SEND, SAML, or SOML as services.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If they are implemented by servers, the implementation model specified in RFC 821 MUST be used and the command names MUST be published in the response to the EHLO command.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If they are implemented by servers, the implementation model specified in RFC 821 MUST be used and the command names MUST be published in the response to the EHLO command.',
  }),
];
