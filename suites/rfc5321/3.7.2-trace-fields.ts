import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MAIL, MESSAGE_CONTROL, RCPT } from '../_steps.ts';

const group: SuiteGroup = {
  id: 'rfc5321/3.7.2',
  title: 'Received lines: robustness to trace fields of unexpected format',
  spec: 'RFC 5321',
  section: '3.7.2',
  scenarios: [
    {
      id: 'rfc5321/3.7.2/malformed-received-accepted',
      title: 'A message whose Received: fields do not follow the trace syntax is accepted',
      level: 'MUST',
      requirements: ['R5321-3.7.2-c', 'R5321-3.7.2-d'],
      steps: [
        // The control: a plain message is accepted from this client at all.
        EHLO,
        ...MESSAGE_CONTROL,
        MAIL,
        RCPT,
        { kind: 'send', line: 'DATA', expect: { role: 'setup' } },
        {
          kind: 'message',
          // Trace fields as a non-SMTP gateway might write them: no FROM/BY clauses, no
          // date, an unbalanced comment, free text.
          content:
            'Received: via X.400 gateway, local queue 7 (no date recorded\r\n' +
            'Received: from ; by ; ;\r\n' +
            'Received: this is not a trace field at all\r\n' +
            'From: <sender@client.smtpspec.test>\r\n' +
            'To: <recipient@smtpspec.test>\r\n' +
            'Subject: smtpspec malformed trace fields\r\n' +
            'Date: Mon, 02 Nov 2026 10:00:00 +0000\r\n' +
            'Message-ID: <trace.rfc5321@client.smtpspec.test>\r\n' +
            '\r\n' +
            'The Received: fields above are malformed on purpose.\r\n',
          expect: {
            codes: [250],
            because:
              'receivers must not reject mail for the format of a trace field (RFC 5321 §3.7.2)',
          },
        },
      ],
    },
  ],
};

export default group;
