/**
 * Requirement register, RFC 2920 (SMTP PIPELINING, STD 60), sections 2 and 3.
 *
 * Only statements whose wording could be checked against the RFC text are entered; the
 * other items of the §3.2 server list (the DATA reply with no valid recipients, the
 * replies that must not be buffered, assumptions about commands not yet received) are to
 * be added with the next free letter once their exact wording is confirmed.
 *
 * A server that does not advertise PIPELINING is held to nothing here: §3.1 lets the
 * client batch commands only "once the client SMTP has confirmed that support exists",
 * so every pipelining case has PIPELINING as its precondition.
 */
import type { Requirement } from '../../harness/scenario/types.ts';
import { BINDS_CLIENT, registerOf } from './_requirement.ts';

const r = registerOf(2920);

const register: Requirement[] = [
  // §3.1 Client use of pipelining
  r('3.1', 'a', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'The EHLO, DATA, VRFY, EXPN, TURN, QUIT, and NOOP commands can only appear as the last command in a group since their success or failure produces a change of state which the client SMTP must accommodate.',
  }),
  r('3.1', 'b', {
    level: 'MAY',
    binds: 'both',
    testable: 'wire',
    text: 'The actual transfer of message content is explicitly allowed to be the first "command" in a group.',
  }),
  r('3.1', 'c', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Client SMTP implementations that employ pipelining MUST check ALL statuses associated with each command in a group.',
  }),
  // §3.2 Server support of pipelining
  r('3.2', 'a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'MUST NOT flush or otherwise lose the contents of the TCP input buffer under any circumstances whatsoever.',
  }),
  r('3.2', 'b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason:
      'batching replies is an optimisation invisible to a conformant client; it shows only in TCP segment boundaries, which the network may change',
    text: 'SHOULD elect to store responses to grouped RSET, MAIL FROM, SEND FROM, SOML FROM, SAML FROM, and RCPT TO commands in an internal buffer so they can sent as a unit.',
  }),
  r('3.2', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'MUST send all pending responses immediately whenever the local TCP input buffer is emptied.',
  }),
  r('3.2', 'd', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: 'whether reply text "indicates" its command is a judgement a person makes, not a code',
    text: 'SHOULD issue response text that indicates, either implicitly or explicitly, what command the response matches.',
  }),
];

export default register;
