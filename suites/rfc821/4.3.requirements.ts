/**
 * Requirement register, RFC 821 §4.3 Sequencing of Commands and Replies.
 *
 * RFC 821 (August 1982) predates RFC 2119 and writes "must" and "should" in lower case;
 * the level given is what the word means there. Where RFC 5321 changed a rule, the case
 * cites both.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(821, '4.3');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The table below lists alternative success and failure replies for each command. These must be strictly adhered to',
  }),
];
