/** Requirement register, RFC 5321 §2.3.8 Lines. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '2.3.8');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'wire',
    text: 'Conforming implementations MUST NOT recognize or generate any other character or character sequence as a line terminator.',
  }),
  r('b', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'SMTP client implementations MUST NOT transmit these characters except when they are intended as line terminators',
  }),
  r('c', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'and then MUST, as indicated above, transmit them only as a <CRLF> sequence.',
  }),
];
