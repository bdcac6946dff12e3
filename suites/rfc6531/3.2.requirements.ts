/** Requirement register, RFC 6531 §3.2 The SMTPUTF8 Extension. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(6531, '3.2');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server that announces the SMTPUTF8 extension MUST be prepared to accept a UTF-8 string [RFC3629] in any position in which RFC 5321 specifies that a <mailbox> can appear.',
  }),
  r('b', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'If the SMTPUTF8 SMTP extension is not offered by the SMTP server, the SMTPUTF8-aware SMTP client MUST NOT transmit an internationalized email address',
  }),
];
