/** Requirement register, RFC 5321 §4.1.1.8 HELP (HELP). */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.1.8');

export default [
  r('a', {
    level: 'MAY',
    binds: 'server',
    testable: 'wire',
    text: 'The command MAY take an argument (e.g., any command name) and return more specific information as a response.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'SMTP servers SHOULD support HELP without arguments and MAY support it with arguments.',
  }),
];
