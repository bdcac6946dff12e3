/** Requirement register, RFC 5321 §4.5.3.1.8 Recipients Buffer. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.3.1.8');

export default [
  // definition: a limit every implementation MUST be able to receive (§4.5.3.1)
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The minimum total number of recipients that MUST be buffered is 100 recipients.',
  }),
  r('b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'The general principle that relaying SMTP server MUST NOT, and delivery SMTP servers SHOULD NOT, perform validation tests on message header fields',
  }),
  r('c', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'The general principle that relaying SMTP server MUST NOT, and delivery SMTP servers SHOULD NOT, perform validation tests on message header fields',
  }),
  r('d', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'suggests that messages SHOULD NOT be rejected based on the total number of recipients shown in header fields.',
  }),
  r('e', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'A server that imposes a limit on the number of recipients MUST behave in an orderly fashion, such as rejecting additional addresses over its limit rather than silently discarding addresses previously accepted.',
  }),
  r('f', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'A client that needs to deliver a message containing over 100 RCPT commands SHOULD be prepared to transmit in 100-recipient "chunks" if the server declines to accept more than 100 recipients in a single message.',
  }),
  // definition: "a violation of this specification", the MUST of 'a' said of refusals
  r('g', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Rejection of messages (for excessive recipients) with fewer than 100 RCPT commands is a violation of this specification.',
  }),
];
