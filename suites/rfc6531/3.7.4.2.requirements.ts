/** Requirement register, RFC 6531 §3.7.4.2 VRFY and EXPN Commands and the SMTPUTF8 Parameter. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(6531, '3.7.4.2');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'SMTPUTF8-aware SMTP servers MUST NOT include non-ASCII characters in replies except in the limited cases specifically permitted in this section.',
  }),
];
