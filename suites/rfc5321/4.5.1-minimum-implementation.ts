import type { ScenarioGroup } from '../../harness/scenario/types.ts';

/**
 * §4.5.1 lists the commands every receiver MUST support. "Supported" is judged on the
 * wire as "not answered 500 or 502": each command gets its §4.3.2 row without those two.
 * VRFY may be disabled, but then §7.3 requires 252, never 502.
 */
const group: ScenarioGroup = {
  id: 'rfc5321/4.5.1/minimum',
  title: 'Minimum implementation: the required commands',
  scenarios: [
    {
      id: 'rfc5321/4.5.1/required-commands-implemented',
      title: 'EHLO, HELO, MAIL, RCPT, DATA, RSET, NOOP, VRFY and QUIT are all implemented',
      spec: 'RFC 5321',
      section: '4.5.1',
      level: 'MUST',
      requirements: ['R5321-4.5.1-a', 'R5321-4.5.1-b', 'R5321-7.3-b'],
      steps: [
        { kind: 'ehlo', expect: { codes: [250, 550], role: 'check' } },
        { kind: 'send', line: 'HELO {{helo}}', expect: { codes: [250, 550] } },
        { kind: 'send', line: 'NOOP', expect: { codes: [250] } },
        {
          kind: 'send',
          line: 'VRFY postmaster',
          expect: {
            codes: [250, 251, 252, 501, 504, 550, 551, 553],
            because: 'VRFY is required; a site that disables it answers 252 (§7.3)',
          },
        },
        { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { role: 'setup' } },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { role: 'setup' } },
        { kind: 'send', line: 'RSET', expect: { codes: [250] } },
        { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { role: 'setup' } },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { role: 'setup' } },
        {
          kind: 'send',
          line: 'DATA',
          expect: { codes: [354], because: 'a recipient was accepted, so DATA starts mail input' },
        },
        {
          kind: 'message',
          content: 'Subject: smtpspec minimum implementation\r\n\r\nRequired commands only.\r\n',
        },
        { kind: 'send', line: 'QUIT', expect: { codes: [221] } },
        { kind: 'expectClose' },
      ],
    },
  ],
};

export default group;
