/** Requirement register, RFC 5321 §6.2 Unwanted, Unsolicited, and "Attack" Messages. */
import { CONFIG, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '6.2');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'even if a "drop messages with invalid return addresses" policy is adopted, it SHOULD be applied only when there is near-certainty that the return addresses are, in fact, invalid.',
  }),
  r('b', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'Conversely, if a message is rejected because it is found to contain hostile content (a decision that is outside the scope of an SMTP server as defined in this document), rejection ("bounce") messages SHOULD NOT be sent unless the receiving site is confident that those messages will be usefully delivered.',
  }),
];
