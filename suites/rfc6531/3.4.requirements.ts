/** Requirement register, RFC 6531 §3.4 MAIL Command Parameter Usage. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(6531, '3.4');

export default [
  r('a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'If the envelope or message being sent requires the capabilities of the SMTPUTF8 extension, the SMTPUTF8-aware SMTP client MUST supply the SMTPUTF8 parameter with the MAIL command.',
  }),
];
