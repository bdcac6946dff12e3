import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MAIL, MESSAGE_CONTROL, RCPT } from '../_steps.ts';

/** Below the threshold RFC 5321 §6.3 recommends ("normally at least 100 Received entries"). */
const HOPS = 90;

const received = Array.from(
  { length: HOPS },
  (_, i) =>
    `Received: from hop${HOPS - i}.relay.smtpspec.example by hop${HOPS - i + 1}.relay.smtpspec.example; Mon, 02 Nov 2026 10:00:00 +0000\r\n`,
).join('');

const group: SuiteGroup = {
  id: 'rfc5321/6.3',
  title: 'Loop detection',
  spec: 'RFC 5321',
  section: '6.3',
  scenarios: [
    {
      id: 'rfc5321/6.3/ninety-received-fields-accepted',
      title: 'A message with 90 Received: fields is not rejected as a loop',
      level: 'SHOULD',
      requirements: ['R5321-6.3-a'],
      steps: [
        // The control: a plain message is accepted from this client at all.
        EHLO,
        ...MESSAGE_CONTROL,
        MAIL,
        RCPT,
        { kind: 'send', line: 'DATA', expect: { role: 'setup' } },
        {
          kind: 'message',
          content:
            received +
            'From: <sender@client.smtpspec.test>\r\n' +
            'To: <recipient@smtpspec.test>\r\n' +
            'Subject: smtpspec long relay chain\r\n' +
            'Date: Mon, 02 Nov 2026 10:00:00 +0000\r\n' +
            'Message-ID: <hops.rfc5321@client.smtpspec.test>\r\n' +
            '\r\n' +
            'Ninety distinct relays, no loop.\r\n',
          expect: {
            codes: [250],
            because:
              'a hop-count loop check should not trigger below 100 Received fields (RFC 5321 §6.3)',
          },
        },
      ],
    },
  ],
};

export default group;
