/** Requirement register, RFC 5321 §2.4 General Syntax Principles and Transaction Model. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '2.4');

export default [
  r('a', {
    level: 'MAY',
    binds: 'both',
    testable: 'wire',
    text: 'a command verb, an argument value other than a mailbox local-part, and free form text MAY be encoded in upper case, lower case, or any mixture of upper and lower case with no impact on its meaning.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'both',
    testable: 'delivery',
    text: 'The local-part of a mailbox MUST BE treated as case sensitive.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'both',
    testable: 'delivery',
    text: 'SMTP implementations MUST take care to preserve the case of mailbox local-parts.',
  }),
  r('d', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'An originating SMTP client that has not successfully negotiated an appropriate extension with a particular server (see the next paragraph) MUST NOT transmit messages with information in the high-order bit of octets.',
  }),
  r('e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'In general, a relay SMTP SHOULD assume that the message content it has received is valid and, assuming that the envelope permits doing so, relay it without inspecting that content.',
  }),
  r('f', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'In the absence of a server-offered extension explicitly permitting it, a sending SMTP system is not permitted to send envelope commands in any character set other than US-ASCII. Receiving systems SHOULD reject such commands, normally using "500 syntax error - invalid character" replies.',
  }),
  r('g', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: '8BITMIME SHOULD be supported by SMTP servers.',
  }),
  r('h', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'However, it MUST NOT be construed as authorization to transmit unrestricted 8-bit material, nor does 8BITMIME authorize transmission of any envelope material in other than ASCII.',
  }),
  r('i', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: '8BITMIME MUST NOT be requested by senders for material with the high bit on that is not in MIME format with an appropriate content-transfer encoding',
  }),
];
