/** Requirement register, RFC 5321 §4.5.3.1.4 Command Line. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.3.1.4');

export default [
  // definition: a limit every implementation MUST be able to receive (§4.5.3.1)
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The maximum total length of a command line including the command word and the <CRLF> is 512 octets.',
  }),
];
