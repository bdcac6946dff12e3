/** Requirement register, RFC 5321 §3.1 Session Initiation. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.1');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'A server taking this approach MUST still wait for the client to send a QUIT (see Section 4.1.1.10) before closing the connection',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'and SHOULD respond to any intervening commands with "503 bad sequence of commands".',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: 'whether reply text is enough for debugging is a human judgement',
    text: 'a server returning a 554 response on connection opening SHOULD provide enough information in the reply text to facilitate debugging of the sending system.',
  }),
];
