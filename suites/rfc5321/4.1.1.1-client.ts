import type { SuiteGroup } from '../../harness/scenario/types.ts';

/** Client cases (`smtpspec serve-cases`): how a client opens a session (RFC 5321 §4.1.1.1). */
const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.1',
  title: 'Client: EHLO first',
  spec: 'RFC 5321',
  section: '4.1.1.1',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.1/client-ehlo-first',
      title: 'The client opens the session with EHLO and gets a message through',
      level: 'SHOULD',
      requirements: ['R5321-4.1.1.1-c', 'R5321-2.2.1-c', 'R5321-F.3-a'],
      client: { checks: ['hello', 'completes'] },
    },
  ],
};

export default group;
