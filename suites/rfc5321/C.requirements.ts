/** Requirement register, RFC 5321 Appendix C. Source Routes. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, 'C');

export default [
  r('a', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'The first host in the <reverse-path> was historically the host sending the MAIL command; today, source routes SHOULD NOT appear in the reverse-path.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'However, in general, the <forward-path> SHOULD contain only a mailbox and domain name, relying on the domain name system to supply routing information if required.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The use of source routes is deprecated (see Appendix F.2); while servers MUST be prepared to receive and handle them as discussed in Section 3.3 and Appendix F.2, clients SHOULD NOT transmit them',
  }),
  r('d', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'The use of source routes is deprecated (see Appendix F.2); while servers MUST be prepared to receive and handle them as discussed in Section 3.3 and Appendix F.2, clients SHOULD NOT transmit them',
  }),
  r('e', {
    level: 'MUST',
    binds: 'both',
    testable: 'delivery',
    text: 'For relay purposes, the forward-path may be a source route of the form "@ONE,@TWO:JOE@THREE", where ONE, TWO, and THREE MUST be fully-qualified domain names.',
  }),
  r('f', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'A server that is reached by means of a source route (e.g., its domain name appears first in the list in the forward-path) MUST remove its domain name from any forward-paths in which that domain name appears before forwarding the message and MAY remove all other source routing information.',
  }),
  r('g', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'The reverse-path SHOULD NOT be updated by servers conforming to this specification.',
  }),
  r('h', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'Conversely, SMTP servers MUST NOT derive final message routing information from message header fields.',
  }),
  r('i', {
    level: 'MUST',
    binds: 'server',
    testable: 'delivery',
    text: 'If, contrary to the recommendations here, a relay host adds itself to the beginning of the list, it MUST use its name as known in the transport environment to which it is relaying the mail rather than that of the transport environment from which the mail came (if they are different).',
  }),
  r('j', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'This is another reason why servers needing to return a message SHOULD ignore the source route entirely and simply use the domain as specified in the Mailbox.',
  }),
];
