import type { ScenarioGroup, Step } from '../../harness/scenario/types.ts';

const SPEC = 'RFC 5321';

const openTransaction: Step[] = [
  { kind: 'ehlo' },
  { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { role: 'setup' } },
  { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { role: 'setup' } },
];

const RSET_OK = {
  codes: [250],
  because: 'RSET without arguments gets "250 OK" (RFC 5321 §4.1.1.5)',
};

const group: ScenarioGroup = {
  id: 'rfc5321/4.1.1.5',
  title: 'RSET',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.5/rset-outside-transaction',
      title: 'RSET with no transaction open is answered with 250',
      spec: SPEC,
      section: '4.1.1.5',
      level: 'MUST',
      requirements: ['R5321-4.1.1.5-b'],
      steps: [{ kind: 'ehlo' }, { kind: 'send', line: 'RSET', expect: RSET_OK }],
    },
    {
      id: 'rfc5321/4.1.1.5/rset-before-ehlo',
      title: 'RSET before EHLO is answered with 250, not 503',
      spec: SPEC,
      section: '4.1.1.5',
      level: 'MUST',
      requirements: ['R5321-4.1.1.5-b', 'R5321-4.1.4-i'],
      steps: [{ kind: 'send', line: 'RSET', expect: RSET_OK }],
    },
    {
      id: 'rfc5321/4.1.1.5/rset-ends-transaction',
      title: 'RSET aborts the transaction: a RCPT afterwards is out of sequence',
      spec: SPEC,
      section: '4.1.1.5',
      level: 'MUST',
      requirements: ['R5321-4.1.1.5-a', 'R5321-4.1.1.5-b', 'R5321-4.1.1.5-c', 'R5321-3.3-g'],
      steps: [
        ...openTransaction,
        { kind: 'send', line: 'RSET', expect: RSET_OK },
        {
          kind: 'send',
          line: 'RCPT TO:<{{rcpt2}}>',
          expect: {
            codes: [503],
            because:
              'after RSET no MAIL is in effect, so RCPT is out of sequence (RFC 5321 §3.3, §4.1.1.5)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.5/rset-discards-recipients',
      title: 'Recipients given before RSET are discarded: DATA in the next transaction is refused',
      spec: SPEC,
      section: '4.1.1.5',
      level: 'MUST',
      requirements: ['R5321-4.1.1.5-a'],
      steps: [
        ...openTransaction,
        { kind: 'send', line: 'RSET', expect: RSET_OK },
        { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { role: 'setup' } },
        {
          kind: 'send',
          line: 'DATA',
          expect: {
            codes: [503, 554],
            because:
              'RSET discards stored recipients, so this transaction has none (RFC 5321 §4.1.1.5, §3.3)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.5/rset-with-argument',
      title: 'RSET with an argument is rejected as a syntax error',
      spec: SPEC,
      section: '4.1.1.5',
      level: 'SHOULD',
      requirements: ['R5321-4.1.1-d'],
      steps: [
        { kind: 'ehlo' },
        {
          kind: 'send',
          line: 'RSET everything',
          expect: {
            codes: [501],
            because:
              'RSET takes no parameters; servers should reject them as invalid syntax (RFC 5321 §4.1.1, §4.3.2)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.5/rset-trailing-space',
      title: 'RSET followed by a space before CRLF is tolerated',
      spec: SPEC,
      section: '4.1.1.5',
      level: 'SHOULD',
      requirements: ['R5321-4.1.1-a'],
      steps: [
        { kind: 'ehlo' },
        {
          kind: 'sendRaw',
          bytes: 'RSET \r\n',
          note: 'RSET, one SP, CRLF: trailing white space, not an argument',
          expect: {
            codes: [250],
            because: 'receivers should tolerate trailing white space (RFC 5321 §4.1.1)',
          },
        },
      ],
    },
  ],
};

export default group;
