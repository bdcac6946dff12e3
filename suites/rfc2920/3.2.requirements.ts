/**
 * Requirement register, RFC 2920 §3.2 Server support of pipelining.
 *
 * Only statements whose wording could be checked against the RFC text are entered; the
 * other items of the server list (the DATA reply with no valid recipients, the replies that
 * must not be buffered, assumptions about commands not yet received) are to be added with
 * the next free letter once their exact wording is confirmed.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(2920, '3.2');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'MUST NOT flush or otherwise lose the contents of the TCP input buffer under any circumstances whatsoever.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason:
      'batching replies is an optimisation invisible to a conformant client; it shows only in TCP segment boundaries, which the network may change',
    text: 'SHOULD elect to store responses to grouped RSET, MAIL FROM, SEND FROM, SOML FROM, SAML FROM, and RCPT TO commands in an internal buffer so they can sent as a unit.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'MUST send all pending responses immediately whenever the local TCP input buffer is emptied.',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: 'whether reply text "indicates" its command is a judgement a person makes, not a code',
    text: 'SHOULD issue response text that indicates, either implicitly or explicitly, what command the response matches.',
  }),
];
