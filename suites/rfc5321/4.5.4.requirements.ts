/** Requirement register, RFC 5321 §4.5.4 Retry Strategies. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.4');

export default [
  r('a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'Any queuing strategy MUST include timeouts on all activities on a per-command basis.',
  }),
  r('b', {
    level: 'MUST NOT',
    binds: 'client',
    testable: 'receiver',
    text: 'A queuing strategy MUST NOT send error messages in response to error messages under any circumstances.',
  }),
];
