/** Requirement register, RFC 5321 §7.2 "Blind" Copies. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '7.2');

export default [
  r('a', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'delivery',
    text: 'SMTP clients and servers SHOULD NOT copy the full set of RCPT command arguments into the header section, either as part of trace header fields or as informational or private-extension header fields.',
  }),
  r('b', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'Receiving systems SHOULD NOT attempt to deduce such relationships and use them to alter the header section of the message for delivery.',
  }),
  r('c', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'The popular "Apparently-to" header field is a violation of this principle as well as a common source of unintended information disclosure and SHOULD NOT be used.',
  }),
];
