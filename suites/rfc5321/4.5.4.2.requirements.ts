/** Requirement register, RFC 5321 §4.5.4.2 Receiving Strategy. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.4.2');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason:
      'about listening at all times and serving concurrent connections; a scenario holds one connection',
    text: 'The SMTP server SHOULD attempt to keep a pending listen on the SMTP port (specified by IANA as port 25) at all times.',
  }),
];
