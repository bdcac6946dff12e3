/** Requirement register, RFC 5321 §4.1.4 Order of Commands. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.4');

export default [
  r('a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'A session that will contain mail transactions MUST first be initialized by the use of the EHLO command.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'An SMTP server SHOULD accept commands for non-mail transactions (e.g., VRFY or EXPN) without this initialization.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If it is issued after the session begins and the EHLO command is acceptable to the SMTP server, the SMTP server MUST clear all buffers and reset the state exactly as if a RSET command had been issued.',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the EHLO command is not acceptable to the SMTP server, 501, 500, 502, or 550 failure replies MUST be returned as appropriate.',
  }),
  r('e', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The SMTP server MUST stay in the same state after transmitting these replies that it was in before the EHLO was received.',
  }),
  r('f', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'The SMTP client MUST, if possible, ensure that the domain parameter to the EHLO command is a primary host name as specified for this command in Section 2.3.5.',
  }),
  r('g', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: "If this is not possible (e.g., when the client's address is dynamically assigned and the client does not have an obvious name), an address literal SHOULD be substituted for the domain name.",
  }),
  r('h', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'However, if the verification fails, the server MUST NOT refuse to accept a message on that basis.',
  }),
  r('i', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'SMTP servers SHOULD process these normally (that is, not return a 503 code) even if no EHLO command has yet been received',
  }),
  r('j', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'clients SHOULD open a session with EHLO before sending these commands.',
  }),
  r('k', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'MAIL (or SEND, SOML, or SAML) MUST NOT be sent if a mail transaction is already open',
  }),
  r('l', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the transaction beginning command argument is not acceptable, a 501 failure reply MUST be returned and the SMTP server MUST stay in the same state.',
  }),
  r('m', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the commands in a transaction are out of order to the degree that they cannot be processed by the server, a 503 failure reply MUST be returned and the SMTP server MUST stay in the same state.',
  }),
  r('n', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'The last command in a session MUST be the QUIT command.',
  }),
  r('o', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'The QUIT command SHOULD be used by the client SMTP to request connection closure, even when no session opening command was sent and accepted.',
  }),
];
