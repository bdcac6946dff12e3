import type { Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, NOOP_OK } from '../_steps.ts';

// The only line terminator is CR immediately followed by LF (§2.3.8). A server that ends a
// command at a bare LF or a bare CR answers twice where a conforming one answers once;
// the NOOP afterwards shows whether the two sides still agree on where they are.
const IN_STEP: Step[] = [{ kind: 'expectNoReply', ms: 1000 }, NOOP_OK];

const ONE_LINE = {
  codes: [250, 500, 501],
  because:
    'everything up to the CRLF is one command line: a syntax error (500/501), or NOOP with its parameter ignored (§4.1.1.9)',
};

const group: SuiteGroup = {
  id: 'rfc5321/2.3.8',
  title: 'Lines: only <CRLF> ends a line',
  spec: 'RFC 5321',
  section: '2.3.8',
  scenarios: [
    {
      id: 'rfc5321/2.3.8/bare-lf-does-not-end-command',
      title: 'A bare LF inside a command line does not end the command',
      level: 'MUST',
      requirements: ['R5321-2.3.8-a', 'R5321-4.1.1.4-e', 'R5321-4.2-a'],
      steps: [
        EHLO,
        {
          kind: 'sendRaw',
          hostile: true,
          bytes: 'NOOP\nNOOP\r\n',
          note: 'NOOP <LF> NOOP <CR><LF>: one line holding a bare LF, so exactly one reply',
          expect: ONE_LINE,
        },
        ...IN_STEP,
      ],
    },
    {
      id: 'rfc5321/2.3.8/bare-cr-does-not-end-command',
      title: 'A bare CR inside a command line does not end the command',
      level: 'MUST',
      requirements: ['R5321-2.3.8-a', 'R5321-4.2-a'],
      steps: [
        EHLO,
        {
          kind: 'sendRaw',
          hostile: true,
          bytes: 'NOOP\rNOOP\r\n',
          note: 'NOOP <CR> NOOP <CR><LF>: one line holding a bare CR, so exactly one reply',
          expect: ONE_LINE,
        },
        ...IN_STEP,
      ],
    },
    {
      // Why this case? A reader that decides "line ended" at a CR that happens to end a TCP
      // segment answers the command early and then sees the LF as an empty second line.
      id: 'rfc5321/2.3.8/crlf-split-across-writes',
      title: 'A CRLF split over two TCP writes still ends the command, once',
      level: 'MUST',
      requirements: ['R5321-2.3.8-a', 'R5321-4.2-a'],
      steps: [
        EHLO,
        {
          kind: 'sendRaw',
          parts: ['NOOP\r', '\n'],
          pauseMs: 500,
          note: 'NOOP <CR> | pause | <LF>: the CR and the LF of one CRLF in separate writes',
          expect: { codes: [250] },
        },
        ...IN_STEP,
      ],
    },
  ],
};

export default group;
