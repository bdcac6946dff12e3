/** Requirement register, RFC 5321 §4.1.1.10 QUIT (QUIT). */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.1.10');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'This command specifies that the receiver MUST send a "221 OK" reply, and then close the transmission channel.',
  }),
  r('b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'The receiver MUST NOT intentionally close the transmission channel until it receives and replies to a QUIT command (even if there was an error).',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'The sender MUST NOT intentionally close the transmission channel until it sends a QUIT command',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'and it SHOULD wait until it receives the reply (even if there was an error response to a previous command).',
  }),
  r('e', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'If the connection is closed prematurely due to violations of the above or system or network failure, the server MUST cancel any pending transaction, but not undo any previously completed transaction',
  }),
  r('f', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'and generally MUST act as if the command or transaction in progress had received a temporary error (i.e., a 4yz response).',
  }),
];
