/** Requirement register, RFC 5321 §7.3 VRFY, EXPN, and Security. */
import { CONFIG, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '7.3');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'As a corollary to the above, implementations that permit this MUST NOT appear to have verified addresses that are not, in fact, verified.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If a site disables these commands for security reasons, the SMTP server MUST return a 252 response, rather than a code that could be confused with successful or unsuccessful verification.',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'Implementations SHOULD still provide support for EXPN, but sites SHOULD carefully evaluate the tradeoffs.',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'Implementations SHOULD still provide support for EXPN, but sites SHOULD carefully evaluate the tradeoffs.',
  }),
];
