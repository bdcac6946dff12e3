/** Requirement register, RFC 4954 §6 Status Codes. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(4954, '6');

export default [
  r('a', {
    level: 'SHOULD NOT',
    binds: 'server',
    testable: 'wire',
    text: 'Modern implementations SHOULD NOT advertise mechanisms that are not permitted due to lack of encryption, unless an encryption layer of sufficient strength is currently being employed.',
  }),
];
