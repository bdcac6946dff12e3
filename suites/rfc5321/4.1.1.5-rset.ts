import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MAIL, withRecipient } from '../_steps.ts';

const RSET_OK = {
  codes: [250],
  because: 'RSET without arguments gets "250 OK" (RFC 5321 §4.1.1.5)',
};

const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.5',
  title: 'RSET',
  spec: 'RFC 5321',
  section: '4.1.1.5',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.5/rset-outside-transaction',
      title: 'RSET with no transaction open is answered with 250',
      level: 'MUST',
      requirements: ['R5321-4.1.1.5-b'],
      steps: [EHLO, { kind: 'send', line: 'RSET', expect: RSET_OK }],
    },
    {
      id: 'rfc5321/4.1.1.5/rset-before-ehlo',
      title: 'RSET before EHLO is answered with 250, not 503',
      level: 'MUST',
      requirements: ['R5321-4.1.1.5-b', 'R5321-4.1.4-i'],
      steps: [{ kind: 'send', line: 'RSET', expect: RSET_OK }],
    },
    {
      id: 'rfc5321/4.1.1.5/rset-ends-transaction',
      title: 'RSET aborts the transaction: a RCPT afterwards is out of sequence',
      level: 'MUST',
      requirements: ['R5321-4.1.1.5-a', 'R5321-4.1.1.5-b', 'R5321-4.1.1.5-c', 'R5321-3.3-g'],
      steps: [
        ...withRecipient,
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
      level: 'MUST',
      requirements: ['R5321-4.1.1.5-a'],
      steps: [
        ...withRecipient,
        { kind: 'send', line: 'RSET', expect: RSET_OK },
        MAIL,
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
      level: 'SHOULD',
      requirements: ['R5321-4.3.2-e', 'R5321-4.1.1-d'],
      steps: [
        EHLO,
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
      level: 'SHOULD',
      requirements: ['R5321-4.1.1-a'],
      steps: [
        EHLO,
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
