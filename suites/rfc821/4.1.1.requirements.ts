/**
 * Requirement register, RFC 821 §4.1.1 Command Semantics.
 *
 * RFC 821 (August 1982) predates RFC 2119 and writes "must" and "should" in lower case;
 * the level given is what the word means there. Where RFC 5321 changed a rule, the case
 * cites both.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(821, '4.1.1');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the processing is successful the receiver must send an OK reply.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The receiver must send an OK reply.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'This command specifies that the receiver must send an OK reply, and then close the transmission channel.',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'This command specifies that the receiver must either (1) send an OK reply and then take on the role of the sender-SMTP, or (2) send a refusal reply and retain the role of the receiver-SMTP.',
  }),
];
