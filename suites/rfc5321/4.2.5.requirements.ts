/**
 * Requirement register, RFC 5321 §4.2.5 Reply Codes after DATA and the Subsequent <CRLF>.<CRLF>.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.2.5');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'When an SMTP server returns a temporary error status (4yz) code after the DATA command is completed with <CRLF>.<CRLF>, it MUST NOT make a subsequent attempt to deliver that message.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: 'concerns how the originating user reads a report, outside SMTP',
    text: 'The user who originated the message SHOULD be able to interpret the return of a transient failure status (by mail message or otherwise) as a non-delivery indication, just as a permanent failure would be interpreted.',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'When an SMTP server returns a permanent error status (5yz) code after the DATA command is completed with <CRLF>.<CRLF>, it MUST NOT make any subsequent attempt to deliver the message.',
  }),
  r('d', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'As with temporary error status codes, the SMTP client retains responsibility for the message, but SHOULD not again attempt delivery to the same server without user review of the message and response and appropriate intervention.',
  }),
];
