import type { Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MAIL, RSET, withRecipient } from '../_steps.ts';

const CASE_RULE =
  'verbs and argument values other than a local-part are not case sensitive (RFC 5321 §2.4)';

// The same command in upper case first: if the server refuses it for policy, the
// case-folded variant cannot be judged and the case is skipped.
const controlMail: Step[] = [EHLO, MAIL, RSET];

const group: SuiteGroup = {
  id: 'rfc5321/2.4',
  title: 'General syntax: case-insensitivity and the 7-bit envelope',
  spec: 'RFC 5321',
  section: '2.4',
  scenarios: [
    {
      id: 'rfc5321/2.4/lowercase-ehlo',
      title: 'A lower-case "ehlo" is accepted like EHLO',
      level: 'MUST',
      requirements: ['R5321-2.4-a'],
      steps: [
        // A 550 refuses this client, whatever the case of the verb (RFC 5321 §4.1.4); a 500
        // or 502 would mean the lower-case verb was not recognised.
        { kind: 'send', line: 'ehlo {{helo}}', expect: { codes: [250, 550], because: CASE_RULE } },
      ],
    },
    {
      id: 'rfc5321/2.4/mixed-case-mail-from',
      title: 'A mixed-case "MaIl FrOm:" opens a transaction like MAIL FROM:',
      level: 'MUST',
      requirements: ['R5321-2.4-a'],
      steps: [
        ...controlMail,
        {
          kind: 'send',
          line: 'MaIl FrOm:<{{from}}>',
          expect: { codes: [250], because: CASE_RULE },
        },
      ],
    },
    {
      id: 'rfc5321/2.4/lowercase-rcpt-and-data',
      title: 'Lower-case "rcpt to:" and "data" work like RCPT TO: and DATA',
      level: 'MUST',
      requirements: ['R5321-2.4-a'],
      steps: [
        ...withRecipient,
        RSET,
        MAIL,
        {
          kind: 'send',
          line: 'rcpt to:<{{rcpt}}>',
          expect: { codes: [250, 251], because: CASE_RULE },
        },
        { kind: 'send', line: 'data', expect: { codes: [354], because: CASE_RULE } },
        {
          kind: 'message',
          content: 'Subject: smtpspec lower-case verbs\r\n\r\nSent with lower-case verbs.\r\n',
        },
      ],
    },
    {
      id: 'rfc5321/2.4/lowercase-noop-rset-quit',
      title: 'Lower-case "noop", "rset" and "quit" work like their upper-case forms',
      level: 'MUST',
      requirements: ['R5321-2.4-a'],
      steps: [
        EHLO,
        { kind: 'send', line: 'noop', expect: { codes: [250], because: CASE_RULE } },
        { kind: 'send', line: 'rset', expect: { codes: [250], because: CASE_RULE } },
        { kind: 'send', line: 'quit', expect: { codes: [221], because: CASE_RULE } },
        { kind: 'expectClose' },
      ],
    },
    {
      id: 'rfc5321/2.4/lowercase-esmtp-parameter',
      title: 'A lower-case extension parameter ("size=") is recognised like SIZE=',
      level: 'MUST',
      requirements: ['R5321-2.4-a', 'R5321-4.1.1.1-f'],
      preconditions: { ehlo: ['SIZE'] },
      steps: [
        EHLO,
        { kind: 'send', line: 'MAIL FROM:<{{from}}> SIZE=1000', expect: { role: 'setup' } },
        RSET,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> size=1000',
          expect: {
            codes: [250],
            because:
              'extension keywords are processed case-insensitively (RFC 5321 §2.4, §4.1.1.1)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/2.4/eight-bit-envelope-rejected',
      title: 'A MAIL FROM with an 8-bit octet and no negotiated extension is rejected',
      level: 'SHOULD',
      requirements: ['R5321-2.4-f'],
      steps: [
        ...controlMail,
        {
          kind: 'sendRaw',
          bytes: 'MAIL FROM:<f\u00e9lix@{{foreignDomain}}>\r\n',
          note: 'MAIL FROM whose local-part holds the octet 0xE9 (Latin-1 e-acute, not UTF-8), no SMTPUTF8 parameter',
          expect: {
            codes: ['5xx'],
            because:
              'envelope commands are US-ASCII unless an extension says otherwise; receivers should reject them (RFC 5321 §2.4)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/2.4/eightbitmime-supported',
      title: 'The server supports 8BITMIME: MAIL FROM with BODY=8BITMIME is accepted',
      level: 'SHOULD',
      requirements: ['R5321-2.4-g'],
      steps: [
        ...controlMail,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> BODY=8BITMIME',
          expect: {
            codes: [250],
            because: '8BITMIME should be supported by SMTP servers (RFC 5321 §2.4, RFC 6152)',
          },
        },
      ],
    },
  ],
};

export default group;
