/**
 * RFC 3207 §4.2: after the handshake the session starts over. The server forgets the EHLO
 * and any transaction from before, no longer offers STARTTLS, and works normally after a
 * new EHLO.
 */
import type { Level, ScenarioSource, Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, MESSAGE_CONTROL, NOOP_OK, openTransaction } from '../_steps.ts';

const NEEDS = { tls: true };

const intoTls: Step[] = [EHLO, { kind: 'startTls' }];

function scenario(
  slug: string,
  title: string,
  level: Level,
  requirements: string[],
  steps: Step[],
): ScenarioSource {
  return {
    id: `rfc3207/4.2/${slug}`,
    title,
    level,
    requirements,
    steps,
  };
}

const group: SuiteGroup = {
  id: 'rfc3207/4.2',
  title: 'The session after STARTTLS',
  spec: 'RFC 3207',
  section: '4.2',
  preconditions: NEEDS,
  scenarios: [
    {
      // Observer: every EHLO reply the run read inside TLS (harness/judge/observers.ts).
      id: 'rfc3207/4.2/starttls-not-offered-inside-tls',
      title: 'The EHLO reply inside TLS does not list STARTTLS',
      level: 'MUST',
      requirements: ['R3207-4.2-g'],
      observe: 'starttls-not-after-tls',
      steps: [
        EHLO,
        { kind: 'startTls' },
        { kind: 'ehlo', expect: { role: 'check', codes: [250] } },
      ],
    },
    scenario(
      'mail-before-new-ehlo',
      'MAIL right after the handshake, before a new EHLO, gets 503 from a server that requires EHLO first',
      // RFC 5321 lets a server take MAIL without EHLO, so a 250 after the handshake proves
      // nothing by itself. The control asks the same server on this fresh connection: one
      // that refuses MAIL before EHLO here must refuse it after the handshake too, since
      // the session is back in its post-greeting state; one that takes it skips the case.
      'MUST',
      ['R3207-4.2-a', 'R3207-4.2-b'],
      [
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}>',
          expect: {
            role: 'control',
            codes: [503],
            because: 'the control: this server requires EHLO before MAIL',
          },
        },
        ...intoTls,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}>',
          expect: {
            codes: [503],
            because: 'the session is back in its post-greeting state, before EHLO (RFC 3207 §4.2)',
          },
        },
      ],
    ),
    scenario(
      'transaction-before-tls-discarded',
      'A MAIL accepted before STARTTLS is gone afterwards: RCPT gets 503',
      'MUST',
      ['R3207-4.2-a', 'R3207-4.2-b'],
      [
        ...openTransaction,
        // Servers may refuse STARTTLS inside a transaction (503): then there is nothing to test.
        { kind: 'startTls', expect: { role: 'setup', codes: [220] } },
        { kind: 'ehlo', expect: { role: 'check', codes: [250] } },
        {
          kind: 'send',
          line: 'RCPT TO:<{{rcpt}}>',
          expect: {
            codes: [503],
            because: 'the transaction opened before TLS was discarded (RFC 3207 §4.2)',
          },
        },
      ],
    ),
    scenario(
      'plaintext-injection-discarded',
      'Commands pipelined in plaintext after STARTTLS are not executed inside TLS',
      // CVE-2011-0411 class: a man in the middle appends commands to the client's
      // STARTTLS; a server that keeps them in its input buffer runs them as if the
      // client had sent them over TLS.
      'MUST',
      ['R3207-4.2-a', 'R3207-4.2-b'],
      [
        EHLO,
        { kind: 'startTls', pipelined: 'NOOP\r\n', expect: { role: 'setup', codes: [220] } },
        // Nothing may answer the injected NOOP: the server's first TLS reply is to our EHLO.
        { kind: 'expectNoReply', ms: 1000 },
        { kind: 'ehlo', expect: { role: 'check', codes: [250] } },
      ],
    ),
    scenario(
      'second-starttls-refused',
      'STARTTLS inside TLS is refused (5xx)',
      'MUST',
      ['R3207-4.2-e'],
      [
        ...intoTls,
        { kind: 'ehlo', expect: { role: 'check', codes: [250] } },
        {
          kind: 'send',
          line: 'STARTTLS',
          expect: {
            codes: ['5xx', 454],
            because: 'STARTTLS is not offered once TLS is active (RFC 3207 §4.2)',
          },
        },
        NOOP_OK,
      ],
    ),
    scenario(
      'mail-transaction-inside-tls',
      'After STARTTLS and a new EHLO a whole transaction works and the message is accepted',
      'MUST',
      ['R3207-4.2-a'],
      [
        // The control: the same transaction in plaintext. What is refused there is policy,
        // not something TLS broke.
        EHLO,
        ...MESSAGE_CONTROL,
        { kind: 'startTls' },
        { kind: 'ehlo', expect: { role: 'check', codes: [250] } },
        { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { codes: [250] } },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { codes: [250, 251] } },
        { kind: 'send', line: 'DATA', expect: { codes: [354] } },
        {
          kind: 'message',
          content: 'Subject: smtpspec over TLS\r\n\r\nSent inside TLS.\r\n',
          expect: { codes: [250] },
        },
      ],
    ),
  ],
};

export default group;
