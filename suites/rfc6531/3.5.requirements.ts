/** Requirement register, RFC 6531 §3.5 Non-ASCII Addresses and Reply-Codes. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(6531, '3.5');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'When messages are rejected because the RCPT command requires an ASCII address, the reply-code 553 is returned with the meaning "mailbox name not allowed".',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'When messages are rejected because the MAIL command requires an ASCII address, the reply-code 550 is returned with the meaning "mailbox unavailable".',
  }),
];
