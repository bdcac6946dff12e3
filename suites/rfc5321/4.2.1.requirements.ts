/** Requirement register, RFC 5321 §4.2.1 Reply Code Severities and Theory. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.2.1');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'Each reply in this category might have a different time value, but the SMTP client SHOULD try again.',
  }),
  r('b', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'The SMTP client SHOULD NOT repeat the exact request (in the same sequence).',
  }),
  // definition: the multiline reply format
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The format for multiline replies requires that every line, except the last, begin with the reply code, followed immediately by a hyphen, "-" (also known as minus), followed by text.',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'As noted above, servers SHOULD send the <SP> if subsequent text is not sent, but clients MUST be prepared for it to be omitted.',
  }),
  r('e', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'As noted above, servers SHOULD send the <SP> if subsequent text is not sent, but clients MUST be prepared for it to be omitted.',
  }),
  r('f', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'In a multiline reply, the reply code on each of the lines MUST be the same.',
  }),
];
