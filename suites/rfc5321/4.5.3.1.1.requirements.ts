/** Requirement register, RFC 5321 §4.5.3.1.1 Local-part. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.3.1.1');

export default [
  // definition: a limit every implementation MUST be able to receive (§4.5.3.1)
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'The maximum total length of a user name or other local-part is 64 octets.',
  }),
];
