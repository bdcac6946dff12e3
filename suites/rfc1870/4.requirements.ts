/**
 * Requirement register, RFC 1870 §4 The Message Size Declaration service extension.
 *
 * RFC 1870 writes most of its rules in lower case ("should", "must"); the level given is
 * what the word means there.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(1870, '4');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Any attempt by a client to transfer a message which is larger than this limit will be rejected with a permanent failure (552) reply code.',
  }),
];
