/** Requirement register, RFC 5321 §3.3 Mail Transactions. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.3');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the mailbox specification is not acceptable for some reason, the server MUST return a reply indicating whether the failure is permanent (i.e., will occur again if the client tries to send the same address again) or temporary (i.e., the address might be accepted if the client tries again later).',
  }),
  r('b', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'Historically, the <reverse-path> was permitted to contain more than just a mailbox; however, contemporary systems SHOULD NOT use source routing (see Appendix C).',
  }),
  r('c', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'Historically, the <forward-path> was permitted to contain a source routing list of hosts and the destination mailbox; however, contemporary SMTP clients SHOULD NOT utilize source routes (see Appendix C).',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Servers MUST be prepared to encounter a list of source routes in the forward-path',
  }),
  r('e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'but they SHOULD ignore the routes or MAY decline to support the relaying they imply.',
  }),
  r('f', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: 'concerns what a client assumes about servers, which has no observable effect',
    text: 'Consequently, restricted-capability clients MUST NOT assume that any SMTP server on the Internet can be used as their mail processing (relaying) site.',
  }),
  r('g', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If a RCPT command appears without a previous MAIL command, the server MUST return a 503 "Bad sequence of commands" response.',
  }),
  r('h', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'If one of those replies (or any other 5yz reply) is received, the client MUST NOT send the message data',
  }),
  r('i', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'more generally, message data MUST NOT be sent unless a 354 reply is received.',
  }),
  r('j', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'These servers SHOULD treat a failure for one or more recipients as a "subsequent failure" and return a mail message as discussed in Section 6 and, in particular, in Section 6.1.',
  }),
  r('k', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Server SMTP systems SHOULD NOT reject messages based on perceived defects in the RFC 822 or MIME (RFC 2045 [21]) message header section or message body.',
  }),
  r('l', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'In particular, they MUST NOT reject messages in which the numbers of Resent-header fields do not match or Resent-to appears without Resent-from and/or Resent-date.',
  }),
  r('m', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'Mail transaction commands MUST be used in the order discussed above.',
  }),
];
