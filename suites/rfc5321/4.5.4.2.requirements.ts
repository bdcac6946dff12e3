/** Requirement register, RFC 5321 §4.5.4.2 Receiving Strategy. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.4.2');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'The SMTP server SHOULD attempt to keep a pending listen on the SMTP port (specified by IANA as port 25) at all times.',
  }),
  // "not in conformance with the intent": a conformance statement without a keyword, no
  // stronger than the SHOULD of 'a' it explains.
  r('b', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'wire',
    text: 'Some limit MAY be imposed, but servers that cannot handle more than one SMTP transaction at a time are not in conformance with the intent of this specification.',
  }),
];
