/** Requirement register, RFC 4954 §4 The AUTH Command. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(4954, '4');

export default [
  r('a', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'After a successful AUTH command completes, a server MUST reject any further AUTH commands with a 503 reply.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'An AUTH command issued during a mail transaction MUST be rejected with a 503 reply.',
  }),
  r('c', {
    // No RFC 2119 keyword: graded as a SHOULD so a server with another refusal only warns.
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'If the requested authentication mechanism is invalid (e.g., is not supported or requires an encryption layer), the server rejects the AUTH command with a 504 reply.',
  }),
  r('d', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'This challenge MUST NOT contain any text other than the BASE64 encoded challenge.',
  }),
  r('e', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the client wishes to cancel the authentication exchange, it issues a line with a single "*".  If the server receives such a response, it MUST reject the AUTH command by sending a 501 reply.',
  }),
  r('f', {
    level: 'MUST',
    binds: 'server',
    testable: 'wire',
    text: 'If the server cannot [BASE64] decode any client response, it MUST reject the AUTH command with a 501 reply (and an enhanced status code of 5.5.2).',
  }),
  r('g', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'If the server is unable to authenticate the client, it SHOULD reject the AUTH command with a 535 reply unless a more specific error code is appropriate.',
  }),
  r('h', {
    level: 'MUST',
    binds: 'server',
    testable: 'none',
    reason: 'a configuration the implementation must offer; the target runs one configuration',
    text: 'Note: A server implementation MUST implement a configuration in which it does NOT permit any plaintext password mechanisms, unless either the STARTTLS [SMTP-TLS] command has been negotiated or some other mechanism that protects the session from password snooping has been provided.',
  }),
  r('i', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Server sites SHOULD NOT use any configuration which permits a plaintext password mechanism without such a protection mechanism against password snooping.',
  }),
  r('j', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'When the AUTH command is used together with the [PIPELINING] extension, it MUST be the last command in a pipelined group of commands.',
  }),
];
