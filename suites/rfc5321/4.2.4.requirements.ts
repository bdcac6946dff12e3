/** Requirement register, RFC 5321 §4.2.4 Reply Code 502. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.2.4');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason:
      'whether a server recognises a command it does not implement is internal; on the wire 500 and 502 differ in nothing else',
    text: '502 SHOULD be used when the command is actually recognized by the SMTP server, but not implemented.',
  }),
  r('b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'If the command is not recognized, code 500 SHOULD be returned.',
  }),
  r('c', {
    level: 'MUST NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Extended SMTP systems MUST NOT list capabilities in response to EHLO for which they will return 502 (or 500) replies.',
  }),
];
