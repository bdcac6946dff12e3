import type { SuiteGroup } from '../../harness/scenario/types.ts';

const group: SuiteGroup = {
  id: 'rfc5321/3.1',
  title: 'Session initiation: the greeting',
  spec: 'RFC 5321',
  section: '3.1',
  scenarios: [
    {
      id: 'rfc5321/3.1/greeting-code',
      title: 'The server opens with a 220 greeting, or 554 to refuse the session',
      level: 'MUST',
      requirements: ['R5321-4.3.1-c', 'R5321-4.3.1-d'],
      steps: [
        {
          kind: 'greeting',
          expect: {
            role: 'check',
            codes: [220, 554],
            closeAllowed: true,
            because: 'connection establishment: S: 220, E: 554 (RFC 5321 §3.1, §4.3.2)',
          },
        },
      ],
    },
    {
      // Why this case? For a server that greets with 220 it is an easy pass; a server that
      // refuses sessions with a 554 greeting must still answer commands and wait for QUIT.
      id: 'rfc5321/3.1/greeting-then-wait-for-quit',
      title: 'Whatever the greeting, the server answers commands and closes only after QUIT',
      level: 'MUST',
      requirements: ['R5321-3.1-a', 'R5321-3.1-b', 'R5321-4.1.1.10-b'],
      steps: [
        { kind: 'greeting', expect: { role: 'check', codes: [220, 554], closeAllowed: true } },
        {
          kind: 'send',
          line: 'NOOP',
          expect: {
            codes: [250, 503],
            because:
              'after a 554 greeting the server must wait for QUIT and answer 503 meanwhile (RFC 5321 §3.1)',
          },
        },
        { kind: 'send', line: 'QUIT', expect: { codes: [221] } },
        { kind: 'expectClose' },
      ],
    },
  ],
};

export default group;
