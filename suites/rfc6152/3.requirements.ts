/**
 * Requirement register, RFC 6152 §3 The 8bit-MIMEtransport Service Extension.
 *
 * RFC 6152 keeps the lower-case wording of RFC 1652; the level given is what the word
 * means there.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(6152, '3');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'the server SMTP is indicating that it supports the extended MAIL command and will accept MIME messages containing arbitrary octet-aligned material',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'A server that supports the 8-bit MIME transport service extension shall preserve all bits in each octet passed using the DATA command.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'Once a server SMTP supporting the 8bit-MIMEtransport service extension accepts a content body containing octets with the high-order (8th) bit set, the server SMTP must deliver or relay the content in such a way as to preserve all bits in each octet.',
  }),
  r('d', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'the client SMTP must not, under any circumstances, attempt to transfer a content that contains characters outside of the US-ASCII octet range (hex 00-7F).',
  }),
];
