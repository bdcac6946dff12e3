import type { Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MAIL, MESSAGE_CONTROL, withRecipient } from '../_steps.ts';

const MESSAGE =
  'From: <sender@client.smtpspec.test>\r\n' +
  'To: <recipient@smtpspec.test>\r\n' +
  'Subject: smtpspec mail transaction\r\n' +
  'Date: Mon, 02 Nov 2026 10:00:00 +0000\r\n' +
  'Message-ID: <transaction.rfc5321@client.smtpspec.test>\r\n' +
  '\r\n' +
  'One complete mail transaction.\r\n';

/** As `reachData`, but DATA's set-up codes are those of its §4.3.2 row, not 354 alone. */
const inData: Step[] = [
  ...withRecipient,
  { kind: 'send', line: 'DATA', expect: { role: 'setup' } },
];

/** A whole transaction the case only builds on: any refusal makes it `skip`. */
const completedTransaction: Step[] = [
  ...inData,
  { kind: 'message', content: MESSAGE, expect: { role: 'setup' } },
];

const group: SuiteGroup = {
  id: 'rfc5321/3.3',
  title: 'Mail transactions',
  spec: 'RFC 5321',
  section: '3.3',
  scenarios: [
    {
      id: 'rfc5321/3.3/new-transaction-after-data',
      title: 'After a completed transaction a new MAIL is accepted, not refused as nested',
      level: 'MUST',
      requirements: ['R5321-4.3.1-d'],
      steps: [
        ...completedTransaction,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}>',
          expect: {
            codes: [250],
            because:
              'the 250 after end of data closed the transaction, so MAIL starts a new one (RFC 5321 §3.3, §4.1.4)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/3.3/recipients-cleared-after-data',
      title:
        'Recipients of a completed transaction do not carry over: DATA without RCPT is refused',
      level: 'MUST',
      requirements: ['R5321-4.1.4-m'],
      steps: [
        ...completedTransaction,
        MAIL,
        {
          kind: 'send',
          line: 'DATA',
          expect: {
            codes: [503, 554],
            because:
              'the new transaction has no recipient; 503, or 554 "no valid recipients" (RFC 5321 §3.3, §4.1.4)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/3.3/header-defects-accepted',
      title: 'A message with header and MIME defects is not rejected for them',
      level: 'SHOULD',
      requirements: ['R5321-3.3-k'],
      steps: [
        // The control: a plain message is accepted from this client at all.
        EHLO,
        ...MESSAGE_CONTROL,
        ...inData.slice(1),
        {
          kind: 'message',
          // No From, Date or Message-ID; a multipart whose boundary is never closed.
          content:
            'Subject: smtpspec header defects\r\n' +
            'MIME-Version: 1.0\r\n' +
            'Content-Type: multipart/mixed; boundary="never-closed"\r\n' +
            '\r\n' +
            '--never-closed\r\n' +
            'Content-Type: text/plain\r\n' +
            '\r\n' +
            'The closing boundary of this multipart never comes.\r\n',
          expect: {
            codes: [250],
            because:
              'servers should not reject messages for perceived header or MIME defects (RFC 5321 §3.3)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/3.3/unmatched-resent-fields-accepted',
      title: 'A message with Resent-To but no Resent-From or Resent-Date is accepted',
      level: 'MUST',
      requirements: ['R5321-3.3-l'],
      steps: [
        // The control: a plain message is accepted from this client at all.
        EHLO,
        ...MESSAGE_CONTROL,
        ...inData.slice(1),
        {
          kind: 'message',
          content:
            'From: <sender@client.smtpspec.test>\r\n' +
            'To: <recipient@smtpspec.test>\r\n' +
            'Subject: smtpspec unmatched Resent fields\r\n' +
            'Date: Mon, 02 Nov 2026 10:00:00 +0000\r\n' +
            'Message-ID: <resent.rfc5321@client.smtpspec.test>\r\n' +
            'Resent-To: <recipient@smtpspec.test>\r\n' +
            'Resent-To: <other@smtpspec.test>\r\n' +
            'Resent-Message-ID: <resent-once.rfc5321@client.smtpspec.test>\r\n' +
            '\r\n' +
            'Resent-To twice, no Resent-From, no Resent-Date.\r\n',
          expect: {
            codes: [250],
            because: 'unmatched Resent- fields must not be a reason to reject (RFC 5321 §3.3)',
          },
        },
      ],
    },
  ],
};

export default group;
