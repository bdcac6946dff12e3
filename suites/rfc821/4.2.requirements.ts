/**
 * Requirement register, RFC 821 §4.2 SMTP Replies.
 *
 * RFC 821 (August 1982) predates RFC 2119 and writes "must" and "should" in lower case;
 * the level given is what the word means there. Where RFC 5321 changed a rule, the case
 * cites both.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(821, '4.2');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Every command must generate exactly one reply.',
  }),
];
