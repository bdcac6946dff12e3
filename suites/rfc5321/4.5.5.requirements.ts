/** Requirement register, RFC 5321 §4.5.5 Messages with a Null Reverse-Path. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.5');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'All other types of messages (i.e., any message which is not required by a Standards-Track RFC to have a null reverse-path) SHOULD be sent with a valid, non-null reverse-path.',
  }),
  r('b', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'delivery',
    text: 'In particular, such systems SHOULD NOT reply to messages with a null reverse-path, and they SHOULD NOT add a non-null reverse-path, or change a null reverse-path to a non-null one, to such messages when forwarding.',
  }),
  r('c', {
    level: 'SHOULD NOT',
    binds: 'both',
    testable: 'delivery',
    text: 'In particular, such systems SHOULD NOT reply to messages with a null reverse-path, and they SHOULD NOT add a non-null reverse-path, or change a null reverse-path to a non-null one, to such messages when forwarding.',
  }),
];
