/**
 * Requirement register, RFC 1870 §6 The extended MAIL command.
 *
 * RFC 1870 writes most of its rules in lower case ("should", "must"); the level given is
 * what the word means there.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(1870, '6');

export default [
  r('a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'Only one SIZE parameter may be specified in a single MAIL command.',
  }),
  r('b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'NOTE: Servers MUST NOT use the SIZE parameter to determine end of content in the DATA command.',
  }),
];
