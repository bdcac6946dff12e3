/**
 * RFC 1870 §6 and §6.3: the declared size is an estimate. It never decides where the
 * content ends, and a message within it gets no 552.
 */
import type { ScenarioGroup } from '../../harness/scenario/types.ts';

const SPEC = 'RFC 1870';
const NEEDS = { ehlo: ['SIZE'] };

/** About 1.4 kB of lines that are not commands: executed as commands they would get 500. */
const LONGER_THAN_DECLARED = `Subject: smtpspec larger than declared\r\n\r\n${'XSMTPSPEC-NOT-A-COMMAND line of content\r\n'.repeat(32)}`;

const group: ScenarioGroup = {
  id: 'rfc1870/6.3',
  title: 'Declared size and actual size',
  scenarios: [
    {
      id: 'rfc1870/6.3/declared-size-does-not-end-content',
      title: 'A message longer than its SIZE= is read to CRLF.CRLF and answered once',
      spec: SPEC,
      section: '6.3',
      level: 'MUST',
      requirements: ['R1870-6-b', 'R1870-6.1-c'],
      preconditions: NEEDS,
      steps: [
        { kind: 'ehlo' },
        { kind: 'send', line: 'MAIL FROM:<{{from}}> SIZE=40', expect: { role: 'setup' } },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { role: 'setup' } },
        { kind: 'send', line: 'DATA', expect: { role: 'setup', codes: [354] } },
        {
          kind: 'message',
          content: LONGER_THAN_DECLARED,
          // Accepting it or refusing it for exceeding the declaration are both allowed
          // (§6.1, §6.3); a 500 means the content after octet 40 was read as commands.
          expect: {
            codes: [250, 552],
            because:
              'a message larger than declared may be accepted or refused with 552 (RFC 1870 §6.3)',
          },
        },
        { kind: 'expectNoReply', ms: 1000 },
        { kind: 'send', line: 'NOOP', expect: { codes: [250] } },
      ],
    },
    {
      id: 'rfc1870/6.3/no-552-within-declared-size',
      title: 'A message smaller than its SIZE= declaration is not refused with 552',
      spec: SPEC,
      section: '6.3',
      level: 'SHOULD',
      requirements: ['R1870-6.3-a'],
      preconditions: NEEDS,
      steps: [
        { kind: 'ehlo' },
        { kind: 'send', line: 'MAIL FROM:<{{from}}> SIZE=5000', expect: { role: 'setup' } },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { role: 'setup' } },
        { kind: 'send', line: 'DATA', expect: { role: 'setup', codes: [354] } },
        {
          kind: 'message',
          content: 'Subject: smtpspec within declared size\r\n\r\nAbout a hundred octets.\r\n',
          expect: {
            // Policy refusals stay possible; only 552 contradicts the agreed size.
            codes: [250, 450, 451, 452, 550, 554],
            because: 'after accepting SIZE=5000 a 300-octet message gets no 552 (RFC 1870 §6.3)',
          },
        },
      ],
    },
  ],
};

export default group;
