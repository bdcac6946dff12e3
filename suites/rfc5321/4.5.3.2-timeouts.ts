import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { withRecipient } from '../_steps.ts';

/**
 * RFC 5321 §4.5.3.2.7 asks for at least 5 minutes. The harness waits 4m50s after the
 * server's last reply, leaving 10 s for scheduling and network delay.
 */
const IDLE_MS = 290_000;
const CASE_MS = 360_000;
const STILL_LISTENING =
  'the server should wait at least 5 minutes for the next command (RFC 5321 §4.5.3.2.7)';

const group: SuiteGroup = {
  id: 'rfc5321/4.5.3.2',
  title: 'Timeouts',
  spec: 'RFC 5321',
  section: '4.5.3.2',
  scenarios: [
    {
      id: 'rfc5321/4.5.3.2/idle-after-greeting',
      title: 'The server still answers EHLO sent 4m50s after its greeting',
      level: 'SHOULD',
      requirements: ['R5321-4.5.3.2.7-a'],
      slow: true,
      timeoutMs: CASE_MS,
      steps: [
        { kind: 'pause', ms: IDLE_MS },
        { kind: 'ehlo', expect: { role: 'check', codes: [250], because: STILL_LISTENING } },
      ],
    },
    {
      id: 'rfc5321/4.5.3.2/idle-inside-transaction',
      title: 'An open transaction survives 4m50s without a command: DATA then still works',
      level: 'SHOULD',
      requirements: ['R5321-4.5.3.2.7-a'],
      slow: true,
      timeoutMs: CASE_MS,
      steps: [
        ...withRecipient,
        { kind: 'pause', ms: IDLE_MS },
        { kind: 'send', line: 'DATA', expect: { codes: [354], because: STILL_LISTENING } },
        {
          kind: 'message',
          content: 'Subject: smtpspec idle transaction\r\n\r\nAfter a long pause.\r\n',
        },
      ],
    },
  ],
};

export default group;
