/** Requirement register, RFC 5321 §4.2 SMTP Replies. */
import { requirementsOf, SPEC_TEXT } from '../_requirement.ts';

const r = requirementsOf(5321, '4.2');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Every command MUST generate exactly one reply.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'Since, in violation of this specification, the text is sometimes not sent, clients that do not receive it SHOULD be prepared to process the code alone (with or without a trailing space character).',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server SHOULD send only the reply codes listed in this document.',
  }),
  // Most reply text is free-form, but the examples for 251 and 551 carry the forward-path
  // the code is about ("251 User not local; will forward to <forward-path>"): a client can
  // see whether a forwarding reply names it.
  r('d', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server SHOULD use the text shown in the examples whenever appropriate.',
  }),
  r('e', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'An SMTP client MUST determine its actions only by the reply code, not by the text (except for the "change of address" 251 and 551 and, if necessary, 220, 221, and 421 replies)',
  }),
  r('f', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'in the general case, any text, including no text at all (although senders SHOULD NOT send bare codes), MUST be acceptable.',
  }),
  r('g', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'in the general case, any text, including no text at all (although senders SHOULD NOT send bare codes), MUST be acceptable.',
  }),
  r('h', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'Whenever possible, a receiver-SMTP SHOULD test the first digit (severity indication) of the reply code.',
  }),
  r('i', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'none',
    reason: SPEC_TEXT,
    text: 'The list of codes that appears below MUST NOT be construed as permanent.',
  }),
  r('j', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'Consequently, a sender-SMTP MUST be prepared to handle codes not specified in this document and MUST do so by interpreting the first digit only.',
  }),
  r('k', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'In the absence of extensions negotiated with the client, SMTP servers MUST NOT send reply codes whose first digits are other than 2, 3, 4, or 5.',
  }),
  r('l', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'Clients that receive such out-of-range codes SHOULD normally treat them as fatal errors and terminate the mail transaction.',
  }),
  // Definition: the grammar of the greeting, which names the server (§4.3.1 too).
  r('m', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Greeting = ( "220 " (Domain / address-literal) [ SP textstring ] CRLF ) /',
  }),
];
