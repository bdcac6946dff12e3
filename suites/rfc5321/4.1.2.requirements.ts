/** Requirement register, RFC 5321 §4.1.2 Command Argument Syntax. */
import { CONFIG, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.2');

export default [
  // definition (grammar). A server may refuse any MAIL argument it finds unacceptable with
  // 501 (R5321-4.1.4-l), so no reply can break a and b; the server's half shows in the paths
  // it sends on when it relays or bounces (delivery).
  r('a', {
    level: 'MUST',
    binds: 'both',
    testable: 'delivery',
    text: 'Reverse-path = Path / "<>"',
  }),
  // definition (grammar)
  r('b', {
    level: 'MUST',
    binds: 'both',
    testable: 'delivery',
    text: 'Path = "<" [ A-d-l ":" ] Mailbox ">"',
  }),
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Note that this form, the so-called "source route", MUST BE accepted, SHOULD NOT be generated, and SHOULD be ignored.',
  }),
  r('d', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'Note that this form, the so-called "source route", MUST BE accepted, SHOULD NOT be generated, and SHOULD be ignored.',
  }),
  r('e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'Note that this form, the so-called "source route", MUST BE accepted, SHOULD NOT be generated, and SHOULD be ignored.',
  }),
  r('f', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'If this string is an email address, i.e., a Mailbox, then the "xtext" syntax [32] SHOULD be used.',
  }),
  // definition (grammar)
  r('g', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Mailbox = Local-part "@" ( Domain / address-literal )',
  }),
  r('h', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'While the above definition for Local-part is relatively permissive, for maximum interoperability, a host that expects to receive mail SHOULD avoid defining mailboxes where the Local-part requires (or uses) the Quoted-string form or where the Local-part is case-sensitive.',
  }),
  r('i', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'For any purposes that require generating or comparing Local-parts (e.g., to specific mailbox names), all quoted forms MUST be treated as equivalent',
  }),
  r('j', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'the sending system SHOULD transmit the form that uses the minimum quoting possible.',
  }),
  r('k', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'none',
    reason: CONFIG,
    text: 'Systems MUST NOT define mailboxes in such a way as to require the use in SMTP of non-ASCII characters (octets with the high order bit set to one) or ASCII "control characters" (decimal value 0-31 and 127).',
  }),
  r('l', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'These characters MUST NOT be used in MAIL or RCPT commands or other commands that require mailbox names.',
  }),
  r('m', {
    level: 'MUST NOT',
    binds: 'both',
    testable: 'wire',
    text: 'characters outside the set of alphabetic characters, digits, and hyphen MUST NOT appear in domain name labels for SMTP clients or servers.',
  }),
  r('n', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'SMTP servers that receive a command in which invalid character codes have been employed, and for which there are no other reasons for rejection, MUST reject that command with a 501 response',
  }),
  // definition (grammar)
  r('o', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Mail-parameters = esmtp-param *(SP esmtp-param)',
  }),
  // definition (grammar)
  r('p', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'esmtp-param = esmtp-keyword ["=" esmtp-value]',
  }),
  // definition (grammar)
  r('q', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'esmtp-value = 1*(%d33-60 / %d62-126)',
  }),
];
