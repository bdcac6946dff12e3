import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MESSAGE_CONTROL, NOOP_OK } from '../_steps.ts';

const group: SuiteGroup = {
  id: 'rfc821/4.5.1',
  title: 'Minimum implementation for an RFC 821 client',
  spec: 'RFC 821',
  section: '4.5.1',
  scenarios: [
    {
      // Why this case? A client that knows only RFC 821 never sends EHLO. RFC 5321 keeps
      // HELO (Appendix F.3), so such a client must still get the whole mail transaction.
      id: 'rfc821/4.5.1/helo-only-client-gets-full-service',
      title: 'A client that greets with HELO can send a message, reset, NOOP and quit',
      level: 'MUST',
      requirements: ['R821-4.5.1-a', 'R821-4.1.1-a', 'R821-4.1.1-b', 'R821-4.1.1-c', 'R5321-F.3-b'],
      steps: [
        // The control: the same message after EHLO, on a connection of its own: what the
        // server refuses after EHLO too is its policy, not its HELO. The HELO session is a
        // second connection that never sends EHLO (a server may refuse a second greeting
        // in one session, as OpenSMTPD does with 503).
        EHLO,
        ...MESSAGE_CONTROL,
        { kind: 'connection', index: 1 },
        { kind: 'send', line: 'HELO {{helo}}', expect: { codes: [250] } },
        { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { codes: [250] } },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { codes: [250, 251] } },
        { kind: 'send', line: 'DATA', expect: { codes: [354] } },
        {
          kind: 'message',
          content: 'Subject: smtpspec HELO-only session\r\n\r\nSent after HELO, never EHLO.\r\n',
          expect: {
            codes: ['2xx', 451, 452],
            because:
              'the same message is accepted after EHLO; only a transient failure is excusable',
          },
        },
        { kind: 'send', line: 'RSET', expect: { codes: [250] } },
        NOOP_OK,
        { kind: 'send', line: 'QUIT', expect: { codes: [221] } },
        { kind: 'expectClose' },
      ],
    },
  ],
};

export default group;
