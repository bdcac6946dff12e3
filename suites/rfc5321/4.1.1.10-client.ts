import type { SuiteGroup } from '../../harness/scenario/types.ts';

/** Client cases (`smtpspec serve-cases`): QUIT (RFC 5321 §4.1.1.10). */
const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.10',
  title: 'Client: the session ends with QUIT',
  spec: 'RFC 5321',
  section: '4.1.1.10',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.10/client-ends-with-quit',
      title: 'The client sends QUIT before it closes the connection',
      level: 'MUST',
      requirements: ['R5321-4.1.1.10-c', 'R5321-4.1.1.10-d', 'R5321-4.1.4-n'],
      client: { checks: ['quit'] },
    },
  ],
};

export default group;
