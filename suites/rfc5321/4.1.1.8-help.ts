import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO } from '../_steps.ts';
import { insideTransaction } from './_inside-transaction.ts';

const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.8',
  title: 'HELP',
  spec: 'RFC 5321',
  section: '4.1.1.8',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.8/help-without-argument',
      title: 'HELP without an argument is supported',
      level: 'SHOULD',
      requirements: ['R5321-4.1.1.8-b'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'HELP',
          expect: {
            codes: [211, 214],
            because: 'servers should support HELP without arguments (RFC 5321 §4.1.1.8)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.8/help-with-command-name',
      title: 'HELP with a command name as argument is answered, not refused as bad syntax',
      level: 'MAY',
      requirements: ['R5321-4.1.1.8-a', 'R5321-4.1.1.8-b'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'HELP MAIL',
          expect: {
            // 500 and 502 mean HELP itself is missing, which help-without-argument reports.
            codes: [211, 214, 504, 500, 502],
            because:
              'help = "HELP" [ SP String ]: specific help, or 504 if arguments are not supported (RFC 5321 §4.1.1.8, §4.3.2)',
          },
        },
      ],
    },
    insideTransaction(
      'HELP',
      '4.1.1.8',
      { kind: 'send', line: 'HELP' },
      'HELP has no effect on the transaction buffers and may be issued at any time (RFC 5321 §4.1.1.8)',
    ),
  ],
};

export default group;
