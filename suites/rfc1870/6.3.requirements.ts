/**
 * Requirement register, RFC 1870 §6.3 Messages larger than the declared size.
 *
 * RFC 1870 writes most of its rules in lower case ("should", "must"); the level given is
 * what the word means there.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(1870, '6.3');

export default [
  r('a', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Once a server has agreed (via the extended MAIL command) to accept a message of a particular size, it should not return a 552 reply code after the transfer phase of the DATA command, unless the actual size of the message transferred is greater than the declared message size.',
  }),
];
