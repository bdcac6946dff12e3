/**
 * RFC 1870 §6 and §6.3: the declared size is an estimate. It never decides where the
 * content ends, and a message within it gets no 552.
 */
import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { DATA, EHLO, MESSAGE_CONTROL, NOOP_OK, RCPT } from '../_steps.ts';

const NEEDS = { ehlo: ['SIZE'] };

/** About 1.4 kB of lines that are not commands: executed as commands they would get 500. */
const LONGER_THAN_DECLARED = `Subject: smtpspec larger than declared\r\n\r\n${'XSMTPSPEC-NOT-A-COMMAND line of content\r\n'.repeat(32)}`;

const group: SuiteGroup = {
  id: 'rfc1870/6.3',
  title: 'Declared size and actual size',
  spec: 'RFC 1870',
  section: '6.3',
  preconditions: NEEDS,
  scenarios: [
    {
      id: 'rfc1870/6.3/declared-size-does-not-end-content',
      title: 'A message longer than its SIZE= is read to CRLF.CRLF and answered once',
      level: 'MUST',
      requirements: ['R1870-6-b', 'R1870-6.1-c'],
      steps: [
        EHLO,
        ...MESSAGE_CONTROL,
        { kind: 'send', line: 'MAIL FROM:<{{from}}> SIZE=40', expect: { role: 'setup' } },
        RCPT,
        DATA,
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
        NOOP_OK,
      ],
    },
    {
      id: 'rfc1870/6.3/no-552-within-declared-size',
      title: 'A message smaller than its SIZE= declaration is not refused with 552',
      level: 'SHOULD',
      requirements: ['R1870-6.3-a'],
      steps: [
        EHLO,
        { kind: 'send', line: 'MAIL FROM:<{{from}}> SIZE=5000', expect: { role: 'setup' } },
        RCPT,
        DATA,
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
