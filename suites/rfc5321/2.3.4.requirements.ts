/** Requirement register, RFC 5321 §2.3.4 Host. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '2.3.4');

export default [
  r('a', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'none',
    reason:
      'naming guidance for hosts; servers must still take address literals where the grammar allows them',
    text: 'Hosts are known by names (see the next section); they SHOULD NOT be identified by numerical addresses, i.e., by address literals as described in Section 4.1.2.',
  }),
];
