/** Requirement register, RFC 5321 §4.5.3.2.7 Server Timeout: 5 Minutes. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.3.2.7');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server SHOULD have a timeout of at least 5 minutes while it is awaiting the next command from the sender.',
  }),
];
