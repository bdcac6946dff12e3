import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, NOOP_OK } from '../_steps.ts';
import { insideTransaction } from './_inside-transaction.ts';

const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.9',
  title: 'NOOP',
  spec: 'RFC 5321',
  section: '4.1.1.9',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.9/noop',
      title: 'NOOP is answered with 250',
      level: 'MUST',
      requirements: ['R5321-4.3.1-c', 'R5321-4.3.1-d'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'NOOP',
          expect: { codes: [250], because: 'NOOP: S: 250 (RFC 5321 §4.1.1.9, §4.3.2)' },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.9/noop-with-argument',
      title: 'NOOP with a parameter string ignores it and answers 250',
      level: 'SHOULD',
      requirements: ['R5321-4.1.1.9-a'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'NOOP are you there',
          expect: {
            codes: [250],
            because: 'servers should ignore a NOOP parameter string (RFC 5321 §4.1.1.9)',
          },
        },
      ],
    },
    insideTransaction(
      'NOOP',
      '4.1.1.9',
      NOOP_OK,
      'NOOP does not affect any parameters or previously entered commands (RFC 5321 §4.1.1.9)',
    ),
  ],
};

export default group;
