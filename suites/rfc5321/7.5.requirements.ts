/** Requirement register, RFC 5321 §7.5 Information Disclosure in Announcements. */
import { requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, '7.5');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason:
      'the information may be offered by configuration or outside SMTP; its absence proves nothing',
    text: 'implementations SHOULD minimally provide for making type and version information available in some way to other network hosts.',
  }),
];
