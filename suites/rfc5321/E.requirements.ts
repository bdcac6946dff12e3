/** Requirement register, RFC 5321 Appendix E. Other Gateway Issues. */
import { GATEWAY, requirementsOf } from '../_requirement.ts';

const r = requirementsOf(5321, 'E');

export default [
  r('a', {
    level: 'SHOULD',
    binds: 'server',
    testable: 'none',
    reason: GATEWAY,
    text: 'In general, gateways between the Internet and other mail systems SHOULD attempt to preserve any layering semantics across the boundaries between the two mail systems involved.',
  }),
];
