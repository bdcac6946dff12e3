/** Requirement register, RFC 5321 §3.5.1 Overview (VRFY and EXPN). */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.5.1');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'Implementations SHOULD support VRFY and EXPN (however, see Section 3.5.2 and Section 7.3).',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If a normal (i.e., 250) response is returned, the response MAY include the full name of the user and MUST include the mailbox of the user.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'It MUST be in either of the following forms: User Name <local-part@domain> local-part@domain',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'For the EXPN command, the string identifies a mailing list, and the successful (i.e., 250) multiline response MAY include the full name of the users and MUST give the mailboxes on the mailing list.',
  }),
  r('e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'If a request is made to apply VRFY to a mailing list, a positive response MAY be given if a message so addressed would be delivered to everyone on the list, otherwise an error SHOULD be reported (e.g., "550 That is a mailing list, not a user" or "252 Unable to verify members of mailing list").',
  }),
  r('f', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'An implementation of the VRFY or EXPN commands MUST include at least recognition of local mailboxes as "user names".',
  }),
  r('g', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'hosts, especially hosts that provide this functionality, SHOULD accept the "local-part@domain" form as a "user name"',
  }),
  r('h', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: 'concerns how a client reads a reply, which has no observable effect',
    text: 'the response SHOULD be interpreted very carefully, if at all, and SHOULD generally only be used for diagnostic purposes.',
  }),
];
