import type { SuiteGroup } from '../../harness/scenario/types.ts';

/** Client cases (`smtpspec serve-cases`): no message data without an accepted recipient (RFC 5321 §3.3). */
const group: SuiteGroup = {
  id: 'rfc5321/3.3',
  title: 'Client: no data after the only recipient is refused',
  spec: 'RFC 5321',
  section: '3.3',
  scenarios: [
    {
      id: 'rfc5321/3.3/client-no-data-after-refused-rcpt',
      title: 'When its only recipient gets 550, the client sends no message data',
      level: 'MUST',
      requirements: ['R5321-3.3-h', 'R5321-3.3-i'],
      client: {
        replies: { RCPT: { code: 550, enhanced: '5.1.1', text: 'No such user here' } },
        checks: ['data-after-rcpt', 'quit'],
      },
    },
  ],
};

export default group;
