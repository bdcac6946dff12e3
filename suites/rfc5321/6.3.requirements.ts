/** Requirement register, RFC 5321 §6.3 Loop Detection. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '6.3');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'SMTP servers using this technique SHOULD use a large rejection threshold, normally at least 100 Received entries.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'Whatever mechanisms are used, servers MUST contain provisions for detecting and stopping trivial loops.',
  }),
];
