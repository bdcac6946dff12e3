/** Requirement register, RFC 5321 §4.5.4.1 Sending Strategy. */
import { CONFIG, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.4.1');

export default [
  r('a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'mail that cannot be transmitted immediately MUST be queued and periodically retried by the sender.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'The sender MUST delay retrying a particular destination after one attempt has failed.',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'In general, the retry interval SHOULD be at least 30 minutes',
  }),
  r('d', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: CONFIG,
    text: 'The parameters to the retry algorithm MUST be configurable.',
  }),
  r('e', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: CONFIG,
    text: 'A client SHOULD keep a list of hosts it cannot reach and corresponding connection timeouts, rather than just retrying queued mail items.',
  }),
  r('f', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: CONFIG,
    text: 'At the same time, SMTP clients SHOULD use great care in caching negative responses from servers.',
  }),
  r('g', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'More significantly, 5yz responses to the MAIL command MUST NOT be cached.',
  }),
  r('h', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'When a mail message is to be delivered to multiple recipients, and the SMTP server to which a copy of the message is to be sent is the same for multiple recipients, then only one copy of the message SHOULD be transmitted.',
  }),
  r('i', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'That is, the SMTP client SHOULD use the command sequence: MAIL, RCPT, RCPT, ..., RCPT, DATA instead of the sequence: MAIL, RCPT, DATA, ..., MAIL, RCPT, DATA.',
  }),
  r('j', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'This efficiency feature SHOULD be implemented.',
  }),
];
