/** Requirement register, RFC 3207 §4 The STARTTLS Command. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(3207, '4');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'After the client gives the STARTTLS command, the server responds with one of the following reply codes: 220 Ready to start TLS 501 Syntax error (no parameters allowed) 454 TLS not available due to temporary reason',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'If, after having issued the STARTTLS command, the client finds out that some failure prevents it from actually starting a TLS handshake, then it SHOULD abort the connection.',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'A publicly-referenced SMTP server MUST NOT require use of the STARTTLS extension in order to deliver mail locally.',
  }),
];
