/** Requirement register, RFC 5321 §4.5.3.1.3 Path. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.3.1.3');

export default [
  // definition: a limit every implementation MUST be able to receive (§4.5.3.1)
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The maximum total length of a reverse-path or forward-path is 256 octets (including the punctuation and element separators).',
  }),
];
