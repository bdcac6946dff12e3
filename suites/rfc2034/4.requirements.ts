/**
 * Requirement register, RFC 2034 §4 The Enhanced-Status-Codes service extension.
 *
 * RFC 2034 writes its rules in lower case; the level given is what the word means there.
 * The code syntax is that of RFC 1893, since replaced by RFC 3463 with the same grammar.
 */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(2034, '4');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'These codes must appear in all 2xx, 4xx, and 5xx response lines other than initial greeting and any response to HELO or EHLO.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'All status codes returned by the server must agree with the primary response code, that is, a 2xx response must incorporate a 2.X.X code, a 4xx response must incorporate a 4.X.X code, and a 5xx response must incorporate a 5.X.X code.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    reason:
      "the runner judges the code of a reply's first line only; checking every line of a multi-line reply needs a judge that reads them all",
    text: 'When responses are continued across multiple lines the same status code must appear at the beginning of the text in each line of the response.',
  }),
  r('d', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'status-code ::= class "." subject "." detail',
  }),
];
