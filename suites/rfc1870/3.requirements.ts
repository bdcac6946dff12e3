/**
 * Requirement register, RFC 1870 §3 Framework for the Size Declaration Extension.
 *
 * RFC 1870 writes most of its rules in lower case ("should", "must"); the level given is
 * what the word means there.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(1870, '3');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'A parameter value of 0 (zero) indicates that no fixed maximum message size is in force.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'size-value ::= 1*20DIGIT',
  }),
];
