/** Requirement register, RFC 5321 §4.5.3.1.10 Too Many Recipients Code. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.3.1.10');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'Clients SHOULD treat a 552 code in this case as a temporary, rather than permanent, failure so the logic below works.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If an SMTP server has an implementation limit on the number of RCPT commands and this limit is exhausted, it MUST use a response code of 452',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: '(but the client SHOULD also be prepared for a 552, as noted above)',
  }),
  r('d', {
    level: 'MAY',
    binds: 'server',
    testable: 'wire',
    text: 'If the server has a configured site-policy limitation on the number of RCPT commands, it MAY instead use a 5yz response code.',
  }),
];
