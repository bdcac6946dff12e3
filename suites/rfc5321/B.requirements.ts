/**
 * Requirement register, RFC 5321 Appendix B. Generating SMTP Commands from RFC 822 Header Fields.
 */
import { GATEWAY, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, 'B');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'However, if the envelope is not supplied, SMTP commands SHOULD be generated as follows:',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'Each recipient address from a TO, CC, or BCC header field SHOULD be copied to a RCPT command (generating multiple message copies if that is required for queuing or delivery).',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'Any BCC header fields SHOULD then be removed from the header section.',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'Once this process is completed, the remaining header fields SHOULD be checked to verify that at least one TO, CC, or BCC header field remains.',
  }),
  r('e', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'If none do, then a BCC header field with no additional information SHOULD be inserted as specified in [4].',
  }),
  r('f', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'The return address in the MAIL command SHOULD, if possible, be derived from the system\'s identity for the submitting (local) user, and the "From:" header field otherwise.',
  }),
  r('g', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'If there is a system identity available, it SHOULD also be copied to the Sender header field if it is different from the address in the From header field.',
  }),
  r('h', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: '(Any Sender header field that was already there SHOULD be removed.)',
  }),
  r('i', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'none',
    reason: GATEWAY,
    text: 'A submission protocol based on Standard RFC 822 information alone MUST NOT be used to gateway a message from a foreign (non-SMTP) mail system into an SMTP environment.',
  }),
];
