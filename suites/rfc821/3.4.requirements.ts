/**
 * Requirement register, RFC 821 §3.4 Sending and Mailing (a definition: the replies of SEND, SOML and SAML).
 *
 * RFC 821 (August 1982) predates RFC 2119 and writes "must" and "should" in lower case;
 * the level given is what the word means there. Where RFC 5321 changed a rule, the case
 * cites both.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(821, '3.4');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The same reply codes that are used for the MAIL commands are used for these commands.',
  }),
];
