/**
 * Requirement register, RFC 6152 §2 Framework for the 8-bit MIME Transport Extension.
 *
 * RFC 6152 keeps the lower-case wording of RFC 1652; the level given is what the word
 * means there.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(6152, '2');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'no parameter is used with the 8BITMIME EHLO keyword;',
  }),
  r('b', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'body-value = "7BIT" / "8BITMIME"',
  }),
];
