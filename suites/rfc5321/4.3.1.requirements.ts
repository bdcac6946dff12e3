/** Requirement register, RFC 5321 §4.3.1 Sequencing Overview. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.3.1');

export default [
  r('a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'Unless other arrangements are negotiated through service extensions, the sender MUST wait for this response before sending further commands.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'The sender SHOULD wait for this greeting message before sending any commands.',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'The table below lists alternative success and failure replies for each command. These SHOULD be strictly adhered to.',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'A receiver MAY substitute text in the replies, but the meanings and actions implied by the code numbers and by the specific command reply sequence MUST be preserved.',
  }),
];
