/**
 * Requirement register, RFC 1870 §6.1 Server action on receipt of the extended MAIL command.
 *
 * RFC 1870 writes most of its rules in lower case ("should", "must"); the level given is
 * what the word means there.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(1870, '6.1');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'Upon receipt of an extended MAIL command containing a SIZE parameter, a server should determine whether the declared message size exceeds its fixed maximum message size.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the indicated size is larger than the server\'s fixed maximum message size, the server responds with code "552 message size exceeds fixed maximium message size".',
  }),
  r('c', {
    level: 'MAY',
    binds: 'server',
    testable: 'wire',
    text: 'A server is permitted, but not required, to accept a message which is, in fact, larger than declared in the extended MAIL command, such as might occur if the client employed a size-estimation heuristic which was inaccurate.',
  }),
];
