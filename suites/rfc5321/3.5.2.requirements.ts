/** Requirement register, RFC 5321 §3.5.2 VRFY Normal Response. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.5.2');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'When normal (2yz or 551) responses are returned from a VRFY or EXPN request, the reply MUST include the <Mailbox> name using a "<local-part@domain>" construction, where "domain" is a fully-qualified domain name.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'In order to facilitate parsing by both computers and people, addresses SHOULD appear in pointed brackets.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'When addresses, rather than free-form debugging information, are returned, EXPN and VRFY MUST return only valid domain addresses that are usable in SMTP RCPT commands.',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Consequently, if an address implies delivery to a program or other system, the mailbox name used to reach that target MUST be given.',
  }),
  r('e', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Paths (explicit source routes) MUST NOT be returned by VRFY or EXPN.',
  }),
  r('f', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'Server implementations SHOULD support both VRFY and EXPN.',
  }),
  r('g', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'if EXPN is supported, it MUST be listed as a service extension in an EHLO response.',
  }),
];
