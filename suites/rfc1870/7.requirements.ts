/**
 * Requirement register, RFC 1870 §7 Minimal usage.
 *
 * RFC 1870 writes most of its rules in lower case ("should", "must"); the level given is
 * what the word means there.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(1870, '7');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Such a server must accept the extended MAIL command and return a 552 reply code if the client\'s declared size exceeds its fixed size limit (if any), but it need not detect "temporary" limitations on message size.',
  }),
  r('b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'A server that returns the SIZE keyword with no parameter in response to the EHLO command may not issue a positive (250) response to an extended MAIL command containing a SIZE specification without first checking to see if sufficient resources are available to transfer a message of the declared size, and to retain it in stable storage until it can be relayed or delivered to its recipients.',
  }),
];
