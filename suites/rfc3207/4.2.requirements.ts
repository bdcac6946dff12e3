/** Requirement register, RFC 3207 §4.2 Result of the STARTTLS Command. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(3207, '4.2');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Upon completion of the TLS handshake, the SMTP protocol is reset to the initial state (the state in SMTP after a server issues a 220 service ready greeting).',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The server MUST discard any knowledge obtained from the client, such as the argument to the EHLO command, which was not obtained from the TLS negotiation itself.',
  }),
  r('c', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'The client MUST discard any knowledge obtained from the server, such as the list of SMTP service extensions, which was not obtained from the TLS negotiation itself.',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'The client SHOULD send an EHLO command as the first command after a successful TLS negotiation.',
  }),
  r('e', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Both the client and the server MUST know if there is a TLS session active.',
  }),
  r('f', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'A client MUST NOT attempt to start a TLS session if a TLS session is already active.',
  }),
  r('g', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'A server MUST NOT return the STARTTLS extension in response to an EHLO command received after a TLS handshake has completed.',
  }),
];
