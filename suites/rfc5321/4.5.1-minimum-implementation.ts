import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MAIL, NOOP_OK, RCPT } from '../_steps.ts';

/**
 * §4.5.1 lists the commands every receiver MUST support. "Supported" is judged on the
 * wire as "not answered 500 or 502": each command gets its §4.3.2 row without those two.
 * VRFY may be disabled, but then §7.3 requires 252, never 502; it has a case of its own.
 */
const group: SuiteGroup = {
  id: 'rfc5321/4.5.1/minimum',
  title: 'Minimum implementation: the required commands',
  spec: 'RFC 5321',
  section: '4.5.1',
  scenarios: [
    {
      id: 'rfc5321/4.5.1/required-commands-implemented',
      title:
        'EHLO, HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT are all implemented (VRFY: next case)',
      level: 'MUST',
      requirements: ['R5321-4.5.1-a', 'R5321-4.5.1-b'],
      steps: [
        // HELO and EHLO each open a session of their own: a server may refuse a second
        // greeting in one session (OpenSMTPD: 503 "Already identified"), which says
        // nothing about whether HELO is implemented.
        { kind: 'send', line: 'HELO {{helo}}', expect: { codes: [250, 550] } },
        NOOP_OK,
        { kind: 'connection', index: 1 },
        { kind: 'ehlo', expect: { codes: [250, 550], role: 'check' } },
        NOOP_OK,
        MAIL,
        RCPT,
        { kind: 'send', line: 'RSET', expect: { codes: [250] } },
        MAIL,
        RCPT,
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
    {
      // VRFY gets a case of its own: the one required command servers like to switch off,
      // and a "500 unrecognised" for it must fail on its own line, not hide behind the
      // SHOULD of §3.5.1 (which asks for more: a useful answer).
      id: 'rfc5321/4.5.1/vrfy-implemented',
      title: 'VRFY is implemented: not 500 or 502, and 252 when disabled',
      level: 'MUST',
      requirements: ['R5321-4.5.1-b', 'R5321-7.3-b'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'VRFY postmaster',
          expect: {
            codes: [250, 251, 252, 501, 504, 550, 551, 553],
            because:
              'VRFY MUST be supported (§4.5.1); a site that disables it answers 252 (§7.3), never 500 or 502',
          },
        },
      ],
    },
  ],
};

export default group;
