/**
 * Requirement register, RFC 821 (August 1982): the statements the rfc821/ cases test.
 * RFC 821 predates RFC 2119 and writes "must" and "should" in lower case; the level given
 * is what the word means there. Where RFC 5321 changed a rule, the case cites both.
 */
import type { Requirement } from '../../harness/scenario/types.ts';
import { registerOf } from './_requirement.ts';

const r = registerOf(821);

const register: Requirement[] = [
  // 3.4 Sending and Mailing (a definition: the replies of SEND, SOML and SAML)
  r('3.4', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The same reply codes that are used for the MAIL commands are used for these commands.',
  }),
  // 4.1.1 Command Semantics
  r('4.1.1', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the processing is successful the receiver must send an OK reply.',
  }),
  r('4.1.1', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The receiver must send an OK reply.',
  }),
  r('4.1.1', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'This command specifies that the receiver must send an OK reply, and then close the transmission channel.',
  }),
  r('4.1.1', 'd', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'This command specifies that the receiver must either (1) send an OK reply and then take on the role of the sender-SMTP, or (2) send a refusal reply and retain the role of the receiver-SMTP.',
  }),
  // 4.2 SMTP Replies
  r('4.2', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Every command must generate exactly one reply.',
  }),
  // 4.3 Sequencing of Commands and Replies
  r('4.3', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The table below lists alternative success and failure replies for each command. These must be strictly adhered to',
  }),
  // 4.5.1 Minimum Implementation
  r('4.5.1', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'In order to make SMTP workable, the following minimum implementation is required for all receivers: COMMANDS -- HELO MAIL RCPT DATA RSET NOOP QUIT',
  }),
];

export default register;
