import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, withRecipient } from '../_steps.ts';

const QUIT_OK = {
  codes: [221],
  because: 'QUIT gets "221 OK", then the server closes the channel (RFC 5321 §4.1.1.10)',
};

const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.10',
  title: 'QUIT',
  spec: 'RFC 5321',
  section: '4.1.1.10',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.10/quit',
      title: 'QUIT is answered with 221 and the server closes the connection',
      level: 'MUST',
      requirements: ['R5321-4.1.1.10-a'],
      steps: [EHLO, { kind: 'send', line: 'QUIT', expect: QUIT_OK }, { kind: 'expectClose' }],
    },
    {
      id: 'rfc5321/4.1.1.10/quit-before-ehlo',
      title: 'QUIT as the first command is answered with 221 and a close',
      level: 'MUST',
      requirements: ['R5321-4.1.1.10-a'],
      steps: [{ kind: 'send', line: 'QUIT', expect: QUIT_OK }, { kind: 'expectClose' }],
    },
    {
      id: 'rfc5321/4.1.1.10/quit-inside-transaction',
      title: 'QUIT in the middle of a transaction is answered with 221 and a close',
      level: 'MUST',
      requirements: ['R5321-4.1.1.10-a'],
      steps: [
        ...withRecipient,
        { kind: 'send', line: 'QUIT', expect: QUIT_OK },
        { kind: 'expectClose' },
      ],
    },
    {
      id: 'rfc5321/4.1.1.10/quit-with-argument',
      title: 'QUIT with an argument is rejected as a syntax error and the session stays open',
      level: 'SHOULD',
      requirements: ['R5321-4.3.2-e', 'R5321-4.1.1-d'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'QUIT now',
          expect: {
            codes: [501],
            because:
              'QUIT takes no parameters; servers should reject them as invalid syntax (RFC 5321 §4.1.1, §4.3.2)',
          },
        },
        { kind: 'send', line: 'QUIT', expect: QUIT_OK },
        { kind: 'expectClose' },
      ],
    },
    {
      id: 'rfc5321/4.1.1.10/errors-keep-session',
      title: 'Error replies do not end the session: it stays open until QUIT',
      level: 'MUST',
      requirements: ['R5321-4.1.1.10-b', 'R5321-3.8-a'],
      steps: [
        EHLO,
        { kind: 'send', line: 'VRFY' },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { codes: [503] } },
        { kind: 'send', line: 'DATA', expect: { codes: [503, 554] } },
        {
          kind: 'send',
          line: 'NOOP',
          expect: {
            codes: [250],
            because:
              'the server must not close the channel before QUIT, even after errors (RFC 5321 §4.1.1.10)',
          },
        },
        { kind: 'send', line: 'QUIT', expect: QUIT_OK },
        { kind: 'expectClose' },
      ],
    },
  ],
};

export default group;
