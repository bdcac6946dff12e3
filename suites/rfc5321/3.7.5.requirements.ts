/** Requirement register, RFC 5321 §3.7.5 Envelopes in Gatewaying. */
import { GATEWAY, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '3.7.5');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'Similarly, when forwarding a message from another environment into the Internet, the gateway SHOULD set the envelope return path in accordance with an error message return address, if supplied by the foreign environment.',
  }),
];
