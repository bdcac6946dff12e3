/**
 * Requirement register, RFC 4954 (SMTP AUTH), sections 4, 6 and 9.
 */
import type { Requirement } from '../../harness/scenario/types.ts';
import { BINDS_CLIENT, registerOf } from './_requirement.ts';

const r = registerOf(4954);

const register: Requirement[] = [
  // §4 The AUTH Command
  r('4', 'a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'After a successful AUTH command completes, a server MUST reject any further AUTH commands with a 503 reply.',
  }),
  r('4', 'b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'An AUTH command issued during a mail transaction MUST be rejected with a 503 reply.',
  }),
  r('4', 'c', {
    // No RFC 2119 keyword: graded as a SHOULD so a server with another refusal only warns.
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'If the requested authentication mechanism is invalid (e.g., is not supported or requires an encryption layer), the server rejects the AUTH command with a 504 reply.',
  }),
  r('4', 'd', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'none',
    reason:
      'the challenge text is base64 or nothing; judging it needs a step that inspects reply text',
    text: 'This challenge MUST NOT contain any text other than the BASE64 encoded challenge.',
  }),
  r('4', 'e', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the client wishes to cancel the authentication exchange, it issues a line with a single "*".  If the server receives such a response, it MUST reject the AUTH command by sending a 501 reply.',
  }),
  r('4', 'f', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the server cannot [BASE64] decode any client response, it MUST reject the AUTH command with a 501 reply (and an enhanced status code of 5.5.2).',
  }),
  r('4', 'g', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'If the server is unable to authenticate the client, it SHOULD reject the AUTH command with a 535 reply unless a more specific error code is appropriate.',
  }),
  r('4', 'h', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: 'a configuration the implementation must offer; the target runs one configuration',
    text: 'Note: A server implementation MUST implement a configuration in which it does NOT permit any plaintext password mechanisms, unless either the STARTTLS [SMTP-TLS] command has been negotiated or some other mechanism that protects the session from password snooping has been provided.',
  }),
  r('4', 'i', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Server sites SHOULD NOT use any configuration which permits a plaintext password mechanism without such a protection mechanism against password snooping.',
  }),
  r('4', 'j', {
    level: 'MUST',
    binds: 'client',
    testable: 'none',
    reason: BINDS_CLIENT,
    text: 'When the AUTH command is used together with the [PIPELINING] extension, it MUST be the last command in a pipelined group of commands.',
  }),
  // §6 Status Codes
  r('6', 'a', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'none',
    reason: 'whether a mechanism is advertised needs a step that inspects EHLO keyword parameters',
    text: 'Modern implementations SHOULD NOT advertise mechanisms that are not permitted due to lack of encryption, unless an encryption layer of sufficient strength is currently being employed.',
  }),
  // §9 Security Considerations
  r('9', 'a', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'none',
    reason: 'needs three failed AUTH attempts with real mechanisms and a server policy that drops',
    text: 'If they do so, they SHOULD NOT drop the connection until at least 3 attempts to authenticate have failed.',
  }),
];

export default register;
