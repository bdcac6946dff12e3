/** Requirement register, RFC 5321 §4.1.1.5 RESET (RSET). */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.1.5');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Any stored sender, recipients, and mail data MUST be discarded, and all buffers and state tables cleared.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The receiver MUST send a "250 OK" reply to a RSET command with no arguments.',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server MUST NOT close the connection as the result of receiving a RSET; that action is reserved for QUIT (see Section 4.1.1.10).',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'To preserve the robustness of the mail system, SMTP servers SHOULD be prepared for this condition and SHOULD treat it as if a QUIT had been received before the connection disappeared.',
  }),
];
