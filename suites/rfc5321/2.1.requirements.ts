/** Requirement register, RFC 5321 §2.1 Basic Structure. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '2.1');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason:
      'a client chooses SMTP or message submission before it connects; nothing on the connection shows which it should have used',
    text: 'In many situations and configurations, the less-capable clients discussed above SHOULD be using the message submission protocol (RFC 4409 [18]) rather than SMTP.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'the protocol requires that a server MUST accept responsibility for either delivering the message or properly reporting the failure to do so',
  }),
];
