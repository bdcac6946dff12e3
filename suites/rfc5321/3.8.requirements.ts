/** Requirement register, RFC 5321 §3.8 Terminating Sessions and Connections. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.8');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server MUST NOT intentionally close the connection under normal operational circumstances (see Section 7.8) except:',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server that is forcibly shut down via external means SHOULD attempt to send a line containing a 421 response code to the SMTP client before exiting.',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'SMTP clients that experience a connection close, reset, or other communications failure due to circumstances not under their control (in violation of the intent of this specification but sometimes unavoidable) SHOULD, to maintain the robustness of the mail system, treat the mail transaction as if a 451 response had been received and act accordingly.',
  }),
];
