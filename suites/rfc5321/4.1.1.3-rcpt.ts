import type { ScenarioGroup, Step } from '../../harness/scenario/types.ts';

const SPEC = 'RFC 5321';

const mail: Step[] = [
  { kind: 'ehlo' },
  { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { role: 'setup' } },
];

/** A source route through the recipient's own domain (RFC 5321 §4.1.2 A-d-l, Appendix C). */
const SOURCE_ROUTED = 'RCPT TO:<@{{domain}}:{{rcpt}}>';

const group: ScenarioGroup = {
  id: 'rfc5321/4.1.1.3',
  title: 'RCPT',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.3/several-recipients',
      title: 'A transaction takes several recipients and then the message',
      spec: SPEC,
      section: '4.1.1.3',
      level: 'MUST',
      requirements: ['R5321-4.3.1-d'],
      steps: [
        ...mail,
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { role: 'setup' } },
        {
          kind: 'send',
          line: 'RCPT TO:<{{rcpt2}}>',
          expect: {
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
      spec: SPEC,
      section: '4.1.1.3',
      level: 'MUST',
      requirements: ['R5321-4.3.1-d'],
      steps: [
        ...mail,
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
      spec: SPEC,
      section: '4.1.1.3',
      level: 'MUST',
      requirements: ['R5321-3.3-d', 'R5321-4.1.1.3-b'],
      steps: [
        ...mail,
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
      spec: SPEC,
      section: '4.1.1.3',
      level: 'SHOULD',
      requirements: ['R5321-3.3-e', 'R5321-4.1.1.3-c'],
      steps: [
        ...mail,
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
      spec: SPEC,
      section: '4.1.1.3',
      level: 'MUST',
      requirements: ['R5321-2.3.5-d'],
      steps: [
        ...mail,
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
