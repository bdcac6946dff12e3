/** Requirement register, RFC 5321 §6.1 Reliable Delivery and Replies by Email. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '6.1');

export default [
  r('a', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'It MUST NOT lose the message for frivolous reasons, such as because the host later crashes or because of a predictable resource shortage.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'If there is a delivery failure after acceptance of a message, the receiver-SMTP MUST formulate and mail a notification message.',
  }),
  // A notification can only be delivered if the server it goes to takes the null path:
  // the wire side of this statement is that a receiving server accepts MAIL FROM:<>.
  r('c', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'This notification MUST be sent using a null ("<>") reverse-path in the envelope.',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'The recipient of this notification MUST be the address from the envelope return path (or the Return-Path: line).',
  }),
  r('e', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'However, if this address is null ("<>"), the receiver-SMTP MUST NOT send a notification.',
  }),
  r('f', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'If the address is an explicit source route, it MUST be stripped down to its final hop.',
  }),
  r('g', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'The notification message MUST be sent using: RCPT TO:<user@d>',
  }),
  r('h', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: 'no bound is given, so "minimize" cannot be judged from one exchange',
    text: 'To avoid receiving duplicate messages as the result of timeouts, a receiver-SMTP MUST seek to minimize the time required to respond to the final <CRLF>.<CRLF> end of data indicator.',
  }),
];
