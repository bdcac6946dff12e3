/** Requirement register, RFC 5321 §4.5.3.2 Timeouts. */
import { CONFIG, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '4.5.3.2');

export default [
  r('a', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'An SMTP client MUST provide a timeout mechanism.',
  }),
  r('b', {
    level: 'MUST',
    binds: 'client',
    testable: 'receiver',
    text: 'It MUST use per-command timeouts rather than somehow trying to time the entire mail transaction.',
  }),
  r('c', {
    level: 'SHOULD',
    binds: 'both',
    testable: 'none',
    reason: CONFIG,
    text: 'Timeouts SHOULD be easily reconfigurable, preferably without recompiling the SMTP code.',
  }),
  r('d', {
    level: 'SHOULD',
    binds: 'client',
    testable: 'receiver',
    text: 'Based on extensive experience with busy mail-relay hosts, the minimum per-command timeout values SHOULD be as follows:',
  }),
];
