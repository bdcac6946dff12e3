/** Requirement register, RFC 6531 §3.1 Framework for the Internationalization Extension. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(6531, '3.1');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'the EHLO response MUST NOT contain any parameters for this keyword.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If an SMTP server includes SMTPUTF8 in its EHLO response, it MUST be fully compliant with this version of this specification.',
  }),
  // A server may take or refuse SMTPUTF8=value (a MAY case reports which); its own half of
  // the rule is the MAIL it sends on when it relays (delivery).
  r('c', {
    level: 'MUST',
    binds: 'both',
    testable: 'delivery',
    text: 'The parameter does not accept a value.',
  }),
];
