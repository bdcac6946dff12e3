/** Requirement register, RFC 5321 §3.2 Client Initiation. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.2');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Servers MUST NOT return the extended EHLO-style response to a HELO command.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'For a particular connection attempt, if the server returns a "command not recognized" response to EHLO, the client SHOULD be able to fall back and send HELO.',
  }),
];
