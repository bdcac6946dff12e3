import type { SuiteGroup } from '../../harness/scenario/types.ts';

/**
 * Client cases (`smtpspec serve-cases`): dot-stuffing (RFC 5321 §4.5.2). The rule can only
 * be seen if the client's message has lines starting with "." (a line "." alone is best):
 * without one the case reports `info`.
 */
const group: SuiteGroup = {
  id: 'rfc5321/4.5.2',
  title: 'Client: dot-stuffing',
  spec: 'RFC 5321',
  section: '4.5.2',
  scenarios: [
    {
      id: 'rfc5321/4.5.2/client-dot-stuffs',
      title: 'Lines of the message starting with "." arrive as sent: the client doubles the dot',
      level: 'MUST',
      requirements: ['R5321-4.5.2-a', 'R5321-4.1.1.4-c'],
      client: { checks: ['dot-stuffing', 'completes'] },
    },
  ],
};

export default group;
