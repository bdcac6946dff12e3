/** Requirement register, RFC 4954 §9 Security Considerations. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(4954, '9');

export default [
  r('a', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'If they do so, they SHOULD NOT drop the connection until at least 3 attempts to authenticate have failed.',
  }),
];
