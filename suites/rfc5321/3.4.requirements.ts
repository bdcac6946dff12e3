/** Requirement register, RFC 5321 §3.4 Forwarding for Address Correction or Updating. */
import { CONFIG, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.4');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'none',
    reason: 'concerns what a server assumes about its peer, which has no observable effect',
    text: 'However, if a 251 code is used, they MUST NOT assume that the client will actually update address information or even return that information to the user.',
  }),
  r('b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'none',
    reason: 'concerns what a server assumes about its peer, which has no observable effect',
    text: 'However, if a 551 code is used, they MUST NOT assume that the client will actually update address information or even return that information to the user.',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'SMTP server implementations that support the 251 and/or 551 reply codes SHOULD provide configuration mechanisms so that sites that conclude that they would undesirably disclose information can disable or restrict their use.',
  }),
];
