/** Requirement register, RFC 5321 §4.3.2 Command-Reply Sequences. */
import { requirementsOf, SPEC_TEXT } from '../_requirement.ts';

const r = requirementsOf(5321, '4.3.2');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'SMTP clients SHOULD, when possible, interpret only the first digit of the reply and MUST be prepared to deal with unrecognized reply codes by interpreting the first digit only.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'SMTP clients SHOULD, when possible, interpret only the first digit of the reply and MUST be prepared to deal with unrecognized reply codes by interpreting the first digit only.',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Unless extended using the mechanisms described in Section 2.2, SMTP servers MUST NOT transmit reply codes to an SMTP client that are other than three digits or that do not start in a digit between 2 and 5 inclusive.',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'both',
    testable: 'none',
    reason: SPEC_TEXT,
    text: 'However, if the target is more precise granularity in the codes, rather than codes for completely new purposes, the system described in RFC 3463 [25] SHOULD be used in preference to the invention of new codes.',
  }),
  r('e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'In order to provide for future extensions, commands that are specified in this document as not accepting arguments (DATA, RSET, QUIT) SHOULD return a 501 message if arguments are supplied in the absence of EHLO-advertised extensions.',
  }),
];
