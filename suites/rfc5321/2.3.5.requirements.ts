/** Requirement register, RFC 5321 §2.3.5 Domain Names. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '2.3.5');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'none',
    reason: 'whether a name is a local alias needs knowledge of the DNS the harness does not have',
    text: 'Local aliases MUST NOT appear in any SMTP transaction.',
  }),
  r('b', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'wire',
    text: 'Local nicknames or unqualified names MUST NOT be used.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'The domain name given in the EHLO command MUST be either a primary host name (a domain name that resolves to an address RR) or, if the host has no name, an address literal',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The reserved mailbox name "postmaster" may be used in a RCPT command without domain qualification (see Section 4.1.1.3) and MUST be accepted if so used.',
  }),
];
