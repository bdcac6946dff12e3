/** Requirement register, RFC 5321 §4.5.3.1.7 Message Content. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.3.1.7');

export default [
  // definition: a limit every implementation MUST be able to receive (§4.5.3.1)
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The maximum total length of a message content (including any message header section as well as the message body) MUST BE at least 64K octets.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'SMTP server systems that must impose restrictions SHOULD implement the "SIZE" service extension of RFC 1870 [10]',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'SMTP client systems that will send large messages SHOULD utilize it when possible.',
  }),
];
