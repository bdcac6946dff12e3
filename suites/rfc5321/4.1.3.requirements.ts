/** Requirement register, RFC 5321 §4.1.3 Address Literals. */
import { requirementsOf, SPEC_TEXT } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.3');

export default [
  // definition (grammar)
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'IPv4-address-literal = Snum 3("." Snum)',
  }),
  // definition (grammar)
  r('b', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'IPv6-address-literal = "IPv6:" IPv6-addr',
  }),
  r('c', {
    level: 'MUST',
    binds: 'both',
    testable: 'none',
    reason: SPEC_TEXT,
    text: 'Standardized-tag MUST be specified in a Standards-Track RFC and registered with IANA',
  }),
  // definition (grammar)
  r('d', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Snum = 1*3DIGIT ; representing a decimal integer value in the range 0 through 255',
  }),
];
