/**
 * RFC 2920 §3.1: the end of one message and the start of the next transaction may travel
 * in one write; the server answers each of them.
 */
import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { DATA, EHLO, MAIL, MESSAGE_CONTROL, RCPT } from '../_steps.ts';

const NEEDS = { ehlo: ['PIPELINING'] };

const group: SuiteGroup = {
  id: 'rfc2920/3.1',
  title: 'Message content as the first "command" of a batch',
  spec: 'RFC 2920',
  section: '3.1',
  preconditions: NEEDS,
  scenarios: [
    {
      id: 'rfc2920/3.1/message-content-first-in-batch',
      title:
        'Message content, its end and the next RSET, MAIL and RCPT in one write get every reply',
      level: 'MUST',
      requirements: ['R2920-3.1-b', 'R2920-3.2-a'],
      steps: [
        EHLO,
        ...MESSAGE_CONTROL,
        MAIL,
        RCPT,
        DATA,
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
