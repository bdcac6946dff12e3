/**
 * Requirement register, RFC 2920 §3.1 Client use of pipelining.
 *
 * A server that does not advertise PIPELINING is held to nothing here: §3.1 lets the
 * client batch commands only "once the client SMTP has confirmed that support exists", so
 * every pipelining case has PIPELINING as its precondition.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(2920, '3.1');

export default [
  r('a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'The EHLO, DATA, VRFY, EXPN, TURN, QUIT, and NOOP commands can only appear as the last command in a group since their success or failure produces a change of state which the client SMTP must accommodate.',
  }),
  r('b', {
    level: 'MAY',
    binds: 'both',
    testable: 'wire',
    text: 'The actual transfer of message content is explicitly allowed to be the first "command" in a group.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'Client SMTP implementations that employ pipelining MUST check ALL statuses associated with each command in a group.',
  }),
];
