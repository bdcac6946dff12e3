/** Requirement register, RFC 5321 §3.5.3 Meaning of VRFY or EXPN Success Response. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.5.3');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'A server MUST NOT return a 250 code in response to a VRFY or EXPN command unless it has actually verified the address.',
  }),
  r('b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'In particular, a server MUST NOT return 250 if all it has done is to verify that the syntax given is valid.',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason:
      'applies only to a server that checks syntax alone, which a client cannot tell apart from one that verifies; the observable half is R5321-3.5.3-b',
    text: 'In that case, 502 (Command not implemented) or 500 (Syntax error, command unrecognized) SHOULD be returned.',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'In these situations, reply code 252 SHOULD be returned.',
  }),
  r('e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: 'compares internal verification effort, which no reply shows',
    text: 'Implementations generally SHOULD be more aggressive about address verification in the case of VRFY than in the case of RCPT, even if it takes a little longer to do so.',
  }),
];
