/**
 * Requirement register, RFC 821 §4.5.1 Minimum Implementation.
 *
 * RFC 821 (August 1982) predates RFC 2119 and writes "must" and "should" in lower case;
 * the level given is what the word means there. Where RFC 5321 changed a rule, the case
 * cites both.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(821, '4.5.1');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'In order to make SMTP workable, the following minimum implementation is required for all receivers: COMMANDS -- HELO MAIL RCPT DATA RSET NOOP QUIT',
  }),
];
