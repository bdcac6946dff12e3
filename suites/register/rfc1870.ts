/**
 * Requirement register, RFC 1870 (SMTP SIZE), sections 3 to 7. RFC 1870 writes most of
 * its rules in lower case ("should", "must"); the level given is what the word means there.
 */
import type { Requirement } from '../../harness/scenario/types.ts';
import { BINDS_CLIENT, registerOf } from './_requirement.ts';

const r = registerOf(1870);

const register: Requirement[] = [
  // §3 Framework for the Size Declaration Extension
  r('3', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason:
      'the EHLO parameter syntax needs a step that inspects keyword parameters; scenarios can only require a keyword',
    text: 'A parameter value of 0 (zero) indicates that no fixed maximum message size is in force.',
  }),
  r('3', 'b', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'size-value ::= 1*20DIGIT',
  }),
  // §4 The Message Size Declaration service extension
  r('4', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Any attempt by a client to transfer a message which is larger than this limit will be rejected with a permanent failure (552) reply code.',
  }),
  // §6 The extended MAIL command
  r('6', 'a', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'Only one SIZE parameter may be specified in a single MAIL command.',
  }),
  r('6', 'b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'NOTE: Servers MUST NOT use the SIZE parameter to determine end of content in the DATA command.',
  }),
  // §6.1 Server action on receipt of the extended MAIL command
  r('6.1', 'a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'Upon receipt of an extended MAIL command containing a SIZE parameter, a server should determine whether the declared message size exceeds its fixed maximum message size.',
  }),
  r('6.1', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the indicated size is larger than the server\'s fixed maximum message size, the server responds with code "552 message size exceeds fixed maximium message size".',
  }),
  r('6.1', 'c', {
    level: 'MAY',
    binds: 'server',
    testable: 'wire',
    text: 'A server is permitted, but not required, to accept a message which is, in fact, larger than declared in the extended MAIL command, such as might occur if the client employed a size-estimation heuristic which was inaccurate.',
  }),
  // §6.2 Client action on receiving response to extended MAIL command
  r('6.2', 'a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'If the code "452 insufficient system storage" is returned, the client should next send either a RSET command (if it wishes to attempt to send other messages) or a QUIT command.',
  }),
  // §6.3 Messages larger than the declared size
  r('6.3', 'a', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Once a server has agreed (via the extended MAIL command) to accept a message of a particular size, it should not return a 552 reply code after the transfer phase of the DATA command, unless the actual size of the message transferred is greater than the declared message size.',
  }),
  // §7 Minimal usage
  r('7', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Such a server must accept the extended MAIL command and return a 552 reply code if the client\'s declared size exceeds its fixed size limit (if any), but it need not detect "temporary" limitations on message size.',
  }),
  r('7', 'b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'A server that returns the SIZE keyword with no parameter in response to the EHLO command may not issue a positive (250) response to an extended MAIL command containing a SIZE specification without first checking to see if sufficient resources are available to transfer a message of the declared size, and to retain it in stable storage until it can be relayed or delivered to its recipients.',
  }),
];

export default register;
