import type { ScenarioGroup } from '../../harness/scenario/types.ts';

const SPEC = 'RFC 5321';

const NO_ARGUMENTS = {
  codes: [501],
  because: 'DATA, RSET and QUIT take no arguments, and commands given some SHOULD get 501 (§4.3.2)',
};

const group: ScenarioGroup = {
  id: 'rfc5321/4.3.2',
  title: 'Command-reply sequences: an argument to DATA',
  scenarios: [
    {
      id: 'rfc5321/4.3.2/data-with-argument',
      title: 'DATA with an argument gets 501, not 354',
      spec: SPEC,
      section: '4.3.2',
      level: 'SHOULD',
      requirements: ['R5321-4.3.2-e'],
      steps: [
        { kind: 'ehlo' },
        { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { role: 'setup' } },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { role: 'setup' } },
        { kind: 'send', line: 'DATA smtpspec', expect: NO_ARGUMENTS },
      ],
    },
  ],
};

export default group;
