/** Requirement register, RFC 5321 §4.5.3.1.5 Reply Line. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.3.1.5');

export default [
  // definition: a limit every implementation MUST be able to receive (§4.5.3.1)
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The maximum total length of a reply line including the reply code and the <CRLF> is 512 octets.',
  }),
];
