import type { SuiteGroup } from '../../harness/scenario/types.ts';

/** Client cases (`smtpspec serve-cases`): a session the server refuses (RFC 5321 §3.1, §4.1.4). */
const group: SuiteGroup = {
  id: 'rfc5321/4.1.4',
  title: 'Client: QUIT after a refused session',
  spec: 'RFC 5321',
  section: '4.1.4',
  scenarios: [
    {
      id: 'rfc5321/4.1.4/client-quits-after-554-greeting',
      title: 'After a 554 greeting the client starts no transaction and sends QUIT',
      level: 'SHOULD',
      requirements: ['R5321-4.1.4-o'],
      client: {
        replies: { greeting: { code: 554, text: 'serve.smtpspec.test no SMTP service here' } },
        checks: ['quit-after-refusal'],
      },
    },
  ],
};

export default group;
