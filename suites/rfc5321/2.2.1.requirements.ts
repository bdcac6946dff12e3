/** Requirement register, RFC 5321 §2.2.1 Background. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '2.2.1');

export default [
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Contemporary SMTP implementations MUST support the basic extension mechanisms.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'servers MUST support the EHLO command even if they do not implement any specific extensions',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'clients SHOULD preferentially utilize EHLO rather than HELO',
  }),
  r('d', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'SMTP clients and servers MUST support the original HELO mechanisms as a fallback',
  }),
];
