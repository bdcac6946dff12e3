/** Requirement register, RFC 5321 §4.5.2 Transparency. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.2');

export default [
  // definition: the client half of the transparency procedure
  r('a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'Before sending a line of mail text, the SMTP client checks the first character of the line. If it is a period, one additional period is inserted at the beginning of the line.',
  }),
  // definition: the server half, end of mail
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'When a line of mail text is received by the SMTP server, it checks the line. If the line is composed of a single period, it is treated as the end of mail indicator.',
  }),
  // definition: the server half, unstuffing
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'If the first character is a period and there are other characters on the line, the first character is deleted.',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'If such transformations are necessary, they MUST be reversible, especially if they are applied to mail being relayed.',
  }),
];
