/**
 * Requirement register, RFC 3207 (STARTTLS), sections 4 and 4.2.
 */
import type { Requirement } from '../../harness/scenario/types.ts';
import { BINDS_CLIENT, registerOf } from './_requirement.ts';

const r = registerOf(3207);

const register: Requirement[] = [
  // §4 The STARTTLS Command
  r('4', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'After the client gives the STARTTLS command, the server responds with one of the following reply codes: 220 Ready to start TLS 501 Syntax error (no parameters allowed) 454 TLS not available due to temporary reason',
  }),
  r('4', 'b', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'If, after having issued the STARTTLS command, the client finds out that some failure prevents it from actually starting a TLS handshake, then it SHOULD abort the connection.',
  }),
  r('4', 'c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'A publicly-referenced SMTP server MUST NOT require use of the STARTTLS extension in order to deliver mail locally.',
  }),
  // §4.2 Result of the STARTTLS Command
  r('4.2', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'Upon completion of the TLS handshake, the SMTP protocol is reset to the initial state (the state in SMTP after a server issues a 220 service ready greeting).',
  }),
  r('4.2', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'The server MUST discard any knowledge obtained from the client, such as the argument to the EHLO command, which was not obtained from the TLS negotiation itself.',
  }),
  r('4.2', 'c', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'The client MUST discard any knowledge obtained from the server, such as the list of SMTP service extensions, which was not obtained from the TLS negotiation itself.',
  }),
  r('4.2', 'd', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'The client SHOULD send an EHLO command as the first command after a successful TLS negotiation.',
  }),
  r('4.2', 'e', {
    level: 'MUST',
    binds: 'both',
    testable: 'wire',
    text: 'Both the client and the server MUST know if there is a TLS session active.',
  }),
  r('4.2', 'f', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'A client MUST NOT attempt to start a TLS session if a TLS session is already active.',
  }),
  r('4.2', 'g', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'A server MUST NOT return the STARTTLS extension in response to an EHLO command received after a TLS handshake has completed.',
  }),
];

export default register;
