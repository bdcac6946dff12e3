/** Requirement register, RFC 5321 Appendix F.2 Source Routing. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, 'F.2');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'SMTP servers MUST continue to accept source route syntax as specified in the main body of this document and in RFC 1123.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'If they do utilize the source route, the message MUST be sent to the first domain shown in the address.',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'In particular, a server MUST NOT guess at shortcuts within the source route.',
  }),
  r('d', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'Clients SHOULD NOT utilize explicit source routing except under unusual circumstances, such as debugging or potentially relaying around firewall or mail system configuration errors.',
  }),
];
