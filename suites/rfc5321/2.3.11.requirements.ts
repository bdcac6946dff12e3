/** Requirement register, RFC 5321 §2.3.11 Mailbox and Address. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '2.3.11');

export default [
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'delivery',
    text: 'the local-part MUST be interpreted and assigned semantics only by the host specified in the domain part of the address.',
  }),
];
