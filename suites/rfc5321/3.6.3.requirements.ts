/** Requirement register, RFC 5321 §3.6.3 Message Submission Servers as Relays. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.6.3');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'If an SMTP server has accepted the task of relaying the mail and later finds that the destination is incorrect or that the mail cannot be delivered for some other reason, then it MUST construct an "undeliverable mail" notification message and send it to the originator of the undeliverable mail (as indicated by the reverse-path).',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'Formats specified for non-delivery reports by other standards (see, for example, RFC 3461 [32] and RFC 3464 [33]) SHOULD be used if possible.',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'Of course, SMTP servers MUST NOT send notification messages about problems transporting notification messages.',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'When such a message is transmitted, the reverse-path MUST be set to null',
  }),
  r('e', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'a relay SMTP has no need to inspect or act upon the header section or body of the message data and MUST NOT do so except to add its own "Received:" header field (Section 4.4)',
  }),
];
