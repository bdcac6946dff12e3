/**
 * RFC 2920 §3.1: the end of one message and the start of the next transaction may travel
 * in one write; the server answers each of them.
 */
import type { ScenarioGroup } from '../../harness/scenario/types.ts';

const SPEC = 'RFC 2920';
const NEEDS = { ehlo: ['PIPELINING'] };

const group: ScenarioGroup = {
  id: 'rfc2920/3.1',
  title: 'Message content as the first "command" of a batch',
  scenarios: [
    {
      id: 'rfc2920/3.1/message-content-first-in-batch',
      title:
        'Message content, its end and the next RSET, MAIL and RCPT in one write get every reply',
      spec: SPEC,
      section: '3.1',
      level: 'MUST',
      requirements: ['R2920-3.1-b', 'R2920-3.2-a'],
      preconditions: NEEDS,
      steps: [
        { kind: 'ehlo' },
        { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { role: 'setup' } },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { role: 'setup' } },
        { kind: 'send', line: 'DATA', expect: { role: 'setup', codes: [354] } },
        {
          kind: 'sendRaw',
          bytes:
            'Subject: smtpspec content first\r\n\r\nBody.\r\n.\r\nRSET\r\nMAIL FROM:<{{from}}>\r\nRCPT TO:<{{rcpt}}>\r\n',
          note: 'message content and CRLF.CRLF, then RSET, MAIL and RCPT, in one write',
          expect: { codes: [250] },
        },
        { kind: 'expectReply', expect: { codes: [250] } },
        { kind: 'expectReply', expect: { codes: [250] } },
        { kind: 'expectReply', expect: { codes: [250, 251] } },
      ],
    },
  ],
};

export default group;
