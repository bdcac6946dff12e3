/** Requirement register, RFC 5321 §3.7.2 Received Lines in Gatewaying. */
import { GATEWAY, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.7.2');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'When forwarding a message into or out of the Internet environment, a gateway MUST prepend a Received: line',
  }),
  r('b', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'but it MUST NOT alter in any way a Received: line that is already in the header section.',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'receiving systems MUST NOT reject mail based on the format of a trace header field',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'and SHOULD be extremely robust in the light of unexpected information or formats in those header fields.',
  }),
  r('e', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'The gateway SHOULD indicate the environment and protocol in the "via" clauses of Received header field(s) that it supplies.',
  }),
];
