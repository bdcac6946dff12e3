/**
 * Receiving strategy (RFC 5321 §4.5.4.2): the server keeps listening while it serves a
 * session ("This requires the support of multiple incoming TCP connections"), and "servers
 * that cannot handle more than one SMTP transaction at a time are not in conformance with
 * the intent of this specification". Each case holds two connections at once (the
 * `connection` step); the run's other cases may hold more. A plain message on the first
 * connection comes first (the control): a site that refuses every message is not refusing
 * the second session.
 */
import type { Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MAIL, MESSAGE_CONTROL, RCPT } from '../_steps.ts';

const PARALLEL = 'a server serves more than one SMTP transaction at a time (§4.5.4.2)';

const SECOND: Step = {
  kind: 'connection',
  index: 1,
  expect: { role: 'check', codes: [220], because: PARALLEL },
};

function message(label: string): Step[] {
  return [
    { kind: 'send', line: 'DATA', expect: { codes: [354], because: PARALLEL } },
    {
      kind: 'message',
      content: `Subject: smtpspec parallel transaction ${label}\r\n\r\nTwo transactions at once.\r\n`,
      expect: { codes: [250], because: PARALLEL },
    },
  ];
}

const group: SuiteGroup = {
  id: 'rfc5321/4.5.4.2',
  title: 'Receiving strategy: parallel sessions',
  spec: 'RFC 5321',
  section: '4.5.4.2',
  scenarios: [
    {
      id: 'rfc5321/4.5.4.2/two-transactions-at-once',
      title:
        'A second session is greeted and completes a transaction while the first holds one open',
      level: 'SHOULD',
      requirements: ['R5321-4.5.4.2-a', 'R5321-4.5.4.2-b'],
      steps: [
        EHLO,
        ...MESSAGE_CONTROL,
        MAIL,
        RCPT,
        SECOND,
        EHLO,
        { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { codes: [250], because: PARALLEL } },
        {
          kind: 'send',
          line: 'RCPT TO:<{{rcpt}}>',
          expect: { codes: [250, 251], because: PARALLEL },
        },
        ...message('2'),
        { kind: 'connection', index: 0 },
        ...message('1'),
      ],
    },
    {
      id: 'rfc5321/4.5.4.2/four-sessions-at-once',
      title: 'Four sessions at once are each greeted and answered',
      level: 'SHOULD',
      requirements: ['R5321-4.5.4.2-a', 'R5321-4.5.4.2-b'],
      steps: [
        EHLO,
        ...[1, 2, 3].flatMap((index): Step[] => [
          { ...SECOND, index },
          EHLO,
          { kind: 'send', line: 'NOOP', expect: { codes: [250], because: PARALLEL } },
        ]),
        { kind: 'connection', index: 0 },
        { kind: 'send', line: 'NOOP', expect: { codes: [250], because: PARALLEL } },
      ],
    },
    {
      id: 'rfc5321/4.5.4.2/sessions-keep-their-own-transactions',
      title:
        'A RCPT on a second session is out of sequence however far the first has got, and RSET there leaves the first intact',
      level: 'MUST',
      requirements: ['R5321-3.3-g', 'R5321-4.3.1-d'],
      steps: [
        EHLO,
        ...MESSAGE_CONTROL,
        MAIL,
        RCPT,
        { kind: 'connection', index: 1 },
        EHLO,
        {
          kind: 'send',
          line: 'RCPT TO:<{{rcpt}}>',
          expect: {
            codes: [503],
            because:
              'this session has had no MAIL: a RCPT without one MUST get 503 (§3.3), whatever another session did',
          },
        },
        { kind: 'send', line: 'RSET', expect: { codes: [250] } },
        { kind: 'connection', index: 0 },
        {
          kind: 'send',
          line: 'DATA',
          expect: {
            codes: [354],
            because:
              'MAIL and RCPT were accepted on this session: the reply sequence MUST be preserved (§4.3.1)',
          },
        },
        {
          kind: 'message',
          content: 'Subject: smtpspec own transaction\r\n\r\nUntouched by the other session.\r\n',
          expect: { codes: [250] },
        },
      ],
    },
  ],
};

export default group;
