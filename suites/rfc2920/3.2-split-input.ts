/**
 * RFC 2920 §3.2: input is never lost, however it is cut into TCP segments, and pending
 * replies go out as soon as everything that arrived has been read.
 */
import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MAIL_CONTROL, RCPT_CONTROL, RSET } from '../_steps.ts';

const NEEDS = { ehlo: ['PIPELINING'] };

const group: SuiteGroup = {
  id: 'rfc2920/3.2-split',
  title: 'Pipelined input split across writes',
  spec: 'RFC 2920',
  section: '3.2',
  preconditions: NEEDS,
  scenarios: [
    {
      id: 'rfc2920/3.2/commands-split-mid-line',
      title:
        'Three commands cut in the middle of their lines across three writes get three replies',
      level: 'MUST',
      requirements: ['R2920-3.2-a'],
      steps: [
        EHLO,
        // The control: the same MAIL and RCPT, whole, are accepted.
        MAIL_CONTROL,
        RCPT_CONTROL,
        RSET,
        {
          kind: 'sendRaw',
          parts: ['MAIL FROM:<{{from}}>\r\nRC', 'PT TO:<{{rcpt}}>\r\nNO', 'OP\r\n'],
          pauseMs: 200,
          note: 'MAIL, RCPT and NOOP, each write ending inside the next command line',
          expect: { codes: [250] },
        },
        { kind: 'expectReply', expect: { codes: [250, 251] } },
        { kind: 'expectReply', expect: { codes: [250] } },
      ],
    },
    {
      id: 'rfc2920/3.2/reply-sent-while-line-incomplete',
      title: 'The NOOP reply is sent although a partial next command waits in the input',
      level: 'MUST',
      requirements: ['R2920-3.2-c'],
      steps: [
        EHLO,
        {
          kind: 'sendRaw',
          bytes: 'NOOP\r\nRSE',
          note: 'NOOP CRLF, then the first three octets of RSET with no line end yet',
          // Everything the client sent has been read: a server that holds the 250 until
          // the line completes deadlocks a client waiting for it.
          expect: { codes: [250] },
        },
        {
          kind: 'sendRaw',
          bytes: 'T\r\n',
          note: 'the rest of RSET',
          expect: { codes: [250] },
        },
      ],
    },
  ],
};

export default group;
