/** Requirement register, RFC 5321 §3.7.4 Other Header Fields in Gatewaying. */
import { GATEWAY, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.7.4');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'The gateway MUST ensure that all header fields of a message that it forwards into the Internet mail environment meet the requirements for Internet mail.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'In particular, all addresses in "From:", "To:", "Cc:", etc., header fields MUST be transformed (if necessary) to satisfy the standard header syntax of RFC 5322 [4], MUST reference only fully-qualified domain names, and MUST be effective and useful for sending replies.',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'The translation algorithm used to convert mail from the Internet protocols to another environment\'s protocol SHOULD ensure that error messages from the foreign mail environment are delivered to the reverse-path from the SMTP envelope, not to an address in the "From:", "Sender:", or similar header fields of the message.',
  }),
];
