/**
 * Requirement register, RFC 1870 §6.2 Client action on receiving response to extended MAIL command.
 *
 * RFC 1870 writes most of its rules in lower case ("should", "must"); the level given is
 * what the word means there.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(1870, '6.2');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'If the code "452 insufficient system storage" is returned, the client should next send either a RSET command (if it wishes to attempt to send other messages) or a QUIT command.',
  }),
];
