import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { openTransaction, RCPT_CONTROL, withRecipient } from '../_steps.ts';

/** A source route through the recipient's own domain (RFC 5321 §4.1.2 A-d-l, Appendix C). */
const SOURCE_ROUTED = 'RCPT TO:<@{{domain}}:{{rcpt}}>';

const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.3',
  title: 'RCPT',
  spec: 'RFC 5321',
  section: '4.1.1.3',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.3/several-recipients',
      title: 'A transaction takes several recipients and then the message',
      level: 'MUST',
      requirements: ['R5321-4.3.1-d'],
      steps: [
        ...withRecipient,
        // The second recipient is the profile's: a refusal is the server's policy (skip). What
        // is judged is that DATA and the message go through with two recipients.
        {
          kind: 'send',
          line: 'RCPT TO:<{{rcpt2}}>',
          expect: {
            role: 'setup',
            codes: [250, 251],
            because: 'the RCPT step "can be repeated any number of times" (RFC 5321 §3.3)',
          },
        },
        { kind: 'send', line: 'DATA', expect: { codes: [354] } },
        {
          kind: 'message',
          content:
            'Subject: smtpspec two recipients\r\n\r\nOne copy of the data for two recipients.\r\n',
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.3/refused-recipient-not-fatal',
      title: 'A refused recipient does not end the transaction: a later RCPT and DATA still work',
      level: 'MUST',
      requirements: ['R5321-4.3.1-d'],
      steps: [
        ...openTransaction,
        // The control: this recipient is accepted before anything is refused.
        RCPT_CONTROL,
        // A server that accepts every recipient (and bounces later) cannot be judged here.
        {
          kind: 'send',
          line: 'RCPT TO:<{{unknownRcpt}}>',
          expect: { role: 'setup', codes: ['4xx', '5xx'] },
        },
        {
          kind: 'send',
          line: 'RCPT TO:<{{rcpt}}>',
          expect: {
            codes: [250, 251],
            because:
              'a negative reply refuses that one recipient, not the transaction (RFC 5321 §4.2.1, §4.3.2)',
          },
        },
        { kind: 'send', line: 'DATA', expect: { codes: [354] } },
        {
          kind: 'message',
          content:
            'Subject: smtpspec one refused recipient\r\n\r\nThe other recipient was refused.\r\n',
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.3/source-route-recognised',
      title: 'A source-routed forward-path is parsed, not refused as a syntax error',
      level: 'MUST',
      requirements: ['R5321-3.3-d', 'R5321-4.1.1.3-b'],
      steps: [
        ...openTransaction,
        {
          kind: 'send',
          line: SOURCE_ROUTED,
          expect: {
            // The RCPT row of RFC 5321 §4.3.2 less 500/501 (syntax) and 503/555 (not applicable).
            codes: [250, 251, 450, 451, 452, 550, 551, 552, 553],
            because:
              'receivers must recognise source route syntax; they may decline the relaying (RFC 5321 §4.1.1.3)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.3/source-route-stripped',
      title: 'A source route to a local mailbox is ignored and the mailbox accepted',
      level: 'SHOULD',
      requirements: ['R5321-3.3-e', 'R5321-4.1.1.3-c'],
      steps: [
        ...openTransaction,
        // The control: the same mailbox without the route is accepted.
        RCPT_CONTROL,
        {
          kind: 'send',
          line: SOURCE_ROUTED,
          expect: {
            codes: [250, 251],
            because:
              'receivers should strip the route and use the mailbox domain (RFC 5321 §4.1.1.3)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.3/postmaster-without-domain',
      title: 'RCPT TO:<postmaster> without a domain is accepted',
      level: 'MUST',
      requirements: ['R5321-2.3.5-d'],
      steps: [
        ...openTransaction,
        {
          kind: 'send',
          line: 'RCPT TO:<postmaster>',
          expect: {
            codes: [250, 251],
            because: '"postmaster" without domain qualification must be accepted (RFC 5321 §2.3.5)',
          },
        },
      ],
    },
  ],
};

export default group;
