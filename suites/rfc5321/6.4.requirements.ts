/** Requirement register, RFC 5321 §6.4 Compensating for Irregularities. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '6.4');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'These changes MUST NOT be applied by an SMTP server that provides an intermediate relay function.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'In all cases, documentation SHOULD be provided in trace header fields and/or header field comments for actions performed by the servers.',
  }),
];
