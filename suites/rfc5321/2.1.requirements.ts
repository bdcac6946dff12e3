/** Requirement register, RFC 5321 §2.1 Basic Structure. */
import { BINDS_CLIENT, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '2.1');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'In many situations and configurations, the less-capable clients discussed above SHOULD be using the message submission protocol (RFC 4409 [18]) rather than SMTP.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason:
      'delivery or a later non-delivery report happens after the session; nothing on the connection shows it',
    text: 'the protocol requires that a server MUST accept responsibility for either delivering the message or properly reporting the failure to do so',
  }),
];
