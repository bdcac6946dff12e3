/** Requirement register, RFC 6531 §3.6 Body Parts and SMTP Extensions. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(6531, '3.6');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'this specification requires that SMTPUTF8-aware SMTP servers support the 8BITMIME extension [RFC6152] to ensure that servers have adequate handling capability for 8-bit data',
  }),
];
