/**
 * Requirement register, RFC 2034 §3 Framework for the Enhanced-Status-Codes Extension.
 *
 * RFC 2034 writes its rules in lower case; the level given is what the word means there.
 * The code syntax is that of RFC 1893, since replaced by RFC 3463 with the same grammar.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(2034, '3');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'no parameter is used with the ENHANCEDSTATUSCODES EHLO keyword;',
  }),
];
