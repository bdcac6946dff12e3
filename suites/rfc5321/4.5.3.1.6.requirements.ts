/** Requirement register, RFC 5321 §4.5.3.1.6 Text Line. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.3.1.6');

export default [
  // definition: a limit every implementation MUST be able to receive (§4.5.3.1)
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The maximum total length of a text line including the <CRLF> is 1000 octets (not counting the leading dot duplicated for transparency).',
  }),
];
