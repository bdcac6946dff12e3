/** Requirement register, RFC 5321 §3.5.4 Semantics and Applications of EXPN. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.5.4');

export default [
  r('a', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'none',
    reason: 'duplicate elimination by list expansion is internal to the sending system',
    text: 'has made it nearly impossible for these strategies to work consistently, and mail systems SHOULD NOT attempt them.',
  }),
];
