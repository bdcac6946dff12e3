/** Requirement register, RFC 5321 §2.2.3 Special Issues with Extensions. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '2.2.3');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'If this strategy is employed, the timeout to fall back to an unextended format (if one is available) SHOULD be less than the normal timeout for bouncing as undeliverable',
  }),
];
