/** Requirement register, RFC 5321 §4.1.1.3 RECIPIENT (RCPT). */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.1.1.3');

export default [
  r('a', {
    level: 'SHOULD NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'Sending systems SHOULD NOT generate the optional list of hosts known as a source route.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Receiving systems MUST recognize source route syntax',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'but SHOULD strip off the source route specification and utilize the domain name associated with the mailbox as if the source route had not been provided.',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'delivery',
    text: 'Similarly, relay hosts SHOULD strip or ignore source routes',
  }),
  r('e', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'delivery',
    text: 'and names MUST NOT be copied into the reverse-path.',
  }),
  r('f', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'The client MUST NOT transmit parameters other than those associated with a service extension offered by the server in its EHLO response.',
  }),
];
