import type { SuiteGroup } from '../../harness/scenario/types.ts';

/** Client cases (`smtpspec serve-cases`): pipelining where it is offered (RFC 2920 §3.1). */
const group: SuiteGroup = {
  id: 'rfc2920/3.1',
  title: 'Client: pipelining where offered',
  spec: 'RFC 2920',
  section: '3.1',
  scenarios: [
    {
      id: 'rfc2920/3.1/client-pipelines-only-where-allowed',
      title:
        'With PIPELINING offered the client may batch commands, but sends message data only after the 354',
      level: 'MUST',
      requirements: ['R2920-3.1-a', 'R2920-3.1-c', 'R5321-3.3-i'],
      client: { replyDelayMs: 50, checks: ['data-after-rcpt', 'completes'] },
    },
  ],
};

export default group;
