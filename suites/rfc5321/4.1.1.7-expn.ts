import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO } from '../_steps.ts';
import { insideTransaction } from './_inside-transaction.ts';

const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.7',
  title: 'EXPN',
  spec: 'RFC 5321',
  section: '4.1.1.7',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.7/expn-implemented',
      title: 'EXPN is implemented: a mailbox name gets an answer, not 500 or 502',
      level: 'SHOULD',
      requirements: ['R5321-3.5.1-a', 'R5321-3.5.2-f', 'R5321-7.3-c'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'EXPN {{rcpt}}',
          expect: {
            // 250: a one-member list; 550: "That is a user name, not a mailing list";
            // 252: disabled for security (RFC 5321 §7.3).
            codes: [250, 252, 550],
            because: 'server implementations should support EXPN (RFC 5321 §3.5.1, §3.5.2)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.7/expn-unknown-not-verified',
      title: 'EXPN of a non-existent name does not get 250',
      level: 'MUST',
      requirements: ['R5321-3.5.3-a', 'R5321-3.5.3-b', 'R5321-7.3-a'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'EXPN {{unknownRcpt}}',
          expect: {
            codes: [252, '4xx', '5xx'],
            because: '250 only for an address actually verified (RFC 5321 §3.5.3)',
          },
        },
      ],
    },
    insideTransaction(
      'EXPN',
      '4.1.1.7',
      { kind: 'send', line: 'EXPN {{rcpt2}}' },
      'EXPN has no effect on the transaction buffers and may be issued at any time (RFC 5321 §4.1.1.7)',
    ),
  ],
};

export default group;
