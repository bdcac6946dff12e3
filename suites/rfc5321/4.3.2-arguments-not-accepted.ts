import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { withRecipient } from '../_steps.ts';

const NO_ARGUMENTS = {
  codes: [501],
  because: 'DATA, RSET and QUIT take no arguments, and commands given some SHOULD get 501 (§4.3.2)',
};

const group: SuiteGroup = {
  id: 'rfc5321/4.3.2',
  title: 'Command-reply sequences: an argument to DATA',
  spec: 'RFC 5321',
  section: '4.3.2',
  scenarios: [
    {
      id: 'rfc5321/4.3.2/data-with-argument',
      title: 'DATA with an argument gets 501, not 354',
      level: 'SHOULD',
      requirements: ['R5321-4.3.2-e'],
      steps: [...withRecipient, { kind: 'send', line: 'DATA smtpspec', expect: NO_ARGUMENTS }],
    },
  ],
};

export default group;
