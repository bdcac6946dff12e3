import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, NOOP_OK } from '../_steps.ts';

const group: SuiteGroup = {
  id: 'rfc5321/4.2.4',
  title: 'Unknown commands: 500, one reply, and the session goes on',
  spec: 'RFC 5321',
  section: '4.2.4',
  scenarios: [
    {
      id: 'rfc5321/4.2.4/unknown-verb-gets-500',
      title: 'A command the server does not recognise gets 500',
      level: 'SHOULD',
      requirements: ['R5321-4.2.4-b'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'SMTPSPECPROBE',
          expect: {
            codes: [500],
            because: 'not recognised: 500; 502 is for recognised but unimplemented commands',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.2.4/unknown-verb-gets-one-reply',
      title: 'An unknown command with arguments gets exactly one error reply, then NOOP works',
      level: 'MUST',
      // A 2yz or 3yz would accept an unregistered command that does not start with "X".
      requirements: ['R5321-4.2-a', 'R5321-4.1.5-a'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'SMTPSPECPROBE one two three',
          expect: { codes: ['5xx'], because: 'an error for an unknown command, and only one' },
        },
        { kind: 'expectNoReply', ms: 1000 },
        NOOP_OK,
      ],
    },
    {
      // Why this case? Servers written in C may stop reading a line at a NUL and parse the
      // rest as a second command: two replies to one line, and the session out of step.
      id: 'rfc5321/4.2.4/nul-in-command-gets-one-reply',
      title: 'A command line holding a NUL gets exactly one reply',
      level: 'MUST',
      requirements: ['R5321-4.2-a'],
      steps: [
        EHLO,
        {
          kind: 'sendRaw',
          hostile: true,
          bytes: 'NOOP\x00NOOP\r\n',
          note: 'NOOP <NUL> NOOP <CR><LF>: one command line with a NUL (0x00) in it',
          expect: {
            codes: [250, 500, 501],
            because: 'one line, one reply: a syntax error, or NOOP with its parameter ignored',
          },
        },
        { kind: 'expectNoReply', ms: 1000 },
        NOOP_OK,
      ],
    },
  ],
};

export default group;
