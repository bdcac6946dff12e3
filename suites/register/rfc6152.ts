/**
 * Requirement register, RFC 6152 (8BITMIME), sections 2 and 3. RFC 6152 keeps the lower-case
 * wording of RFC 1652; the level given is what the word means there.
 */
import type { Requirement } from '../../harness/scenario/types.ts';
import { registerOf } from './_requirement.ts';

const r = registerOf(6152);

const register: Requirement[] = [
  // §2 Framework for the 8-bit MIME Transport Extension
  r('2', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason:
      'the EHLO keyword parameters need a step that inspects them; scenarios can only require a keyword',
    text: 'no parameter is used with the 8BITMIME EHLO keyword;',
  }),
  r('2', 'b', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'body-value = "7BIT" / "8BITMIME"',
  }),
  // §3 The 8bit-MIMEtransport Service Extension
  r('3', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'the server SMTP is indicating that it supports the extended MAIL command and will accept MIME messages containing arbitrary octet-aligned material',
  }),
  r('3', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'A server that supports the 8-bit MIME transport service extension shall preserve all bits in each octet passed using the DATA command.',
  }),
  r('3', 'c', {
    level: 'MUST',
    binds: 'server',
    testable: 'receiver',
    text: 'Once a server SMTP supporting the 8bit-MIMEtransport service extension accepts a content body containing octets with the high-order (8th) bit set, the server SMTP must deliver or relay the content in such a way as to preserve all bits in each octet.',
  }),
  r('3', 'd', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: 'binds the client; a harness acting as client cannot judge the server by it',
    text: 'the client SMTP must not, under any circumstances, attempt to transfer a content that contains characters outside of the US-ASCII octet range (hex 00-7F).',
  }),
];

export default register;
