import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { WITHOUT_PIPELINING } from '../_client.ts';

/** Client cases (`smtpspec serve-cases`): waiting for replies (RFC 5321 §4.3.1). */
const group: SuiteGroup = {
  id: 'rfc5321/4.3.1',
  title: 'Client: waiting for the greeting and for each reply',
  spec: 'RFC 5321',
  section: '4.3.1',
  scenarios: [
    {
      id: 'rfc5321/4.3.1/client-waits-for-greeting',
      title: 'The client sends nothing before the greeting, which comes 1.5 s after the connect',
      level: 'SHOULD',
      requirements: ['R5321-4.3.1-b'],
      client: {
        replies: {
          greeting: { code: 220, text: 'serve.smtpspec.test ESMTP (slow greeting)', delayMs: 1500 },
        },
        checks: ['greeting-wait', 'completes'],
      },
    },
    {
      id: 'rfc5321/4.3.1/client-waits-without-pipelining',
      title: 'Without PIPELINING the client waits for each reply before the next command',
      level: 'MUST',
      requirements: ['R5321-4.3.1-a'],
      client: {
        extensions: WITHOUT_PIPELINING,
        replyDelayMs: 150,
        checks: ['lock-step', 'completes'],
      },
    },
  ],
};

export default group;
