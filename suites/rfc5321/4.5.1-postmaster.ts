import type { ScenarioSource, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, openTransaction } from '../_steps.ts';

/**
 * §4.5.1: every server that relays or delivers mail MUST accept "postmaster", case
 * insensitively, both at each domain it serves and as the bare <Postmaster> of §4.1.1.3.
 * {{domain}} is the domain of the profile's recipient, so one the server serves.
 */

const ACCEPTED = {
  codes: [250, 251],
  because: 'mail for postmaster MUST be accepted (§4.5.1)',
};

function postmaster(slug: string, title: string, path: string): ScenarioSource {
  return {
    id: `rfc5321/4.5.1/${slug}`,
    title,
    level: 'MUST',
    requirements: ['R5321-4.5.1-c', 'R5321-4.5.1-d'],
    steps: [...openTransaction, { kind: 'send', line: `RCPT TO:<${path}>`, expect: ACCEPTED }],
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/4.5.1',
  title: 'Minimum implementation: the postmaster mailbox',
  spec: 'RFC 5321',
  section: '4.5.1',
  scenarios: [
    postmaster(
      'postmaster-without-domain-upper-case',
      'RCPT TO:<POSTMASTER>, in upper case, is accepted',
      'POSTMASTER',
    ),
    postmaster(
      'postmaster-at-domain',
      'RCPT TO:<postmaster@domain> is accepted',
      'postmaster@{{domain}}',
    ),
    postmaster(
      'postmaster-at-domain-mixed-case',
      'RCPT TO:<PoStMaStEr@domain>, in mixed case, is accepted',
      'PoStMaStEr@{{domain}}',
    ),
    {
      // Why this case? Some servers accept every RCPT and judge recipients only after DATA.
      id: 'rfc5321/4.5.1/message-to-postmaster-accepted',
      title: 'A plain message to postmaster, from the null reverse-path, is accepted',
      level: 'MUST',
      requirements: ['R5321-4.5.1-c', 'R5321-4.5.1-d'],
      steps: [
        EHLO,
        { kind: 'send', line: 'MAIL FROM:<>', expect: { role: 'setup' } },
        { kind: 'send', line: 'RCPT TO:<Postmaster@{{domain}}>', expect: ACCEPTED },
        { kind: 'send', line: 'DATA', expect: { codes: [354] } },
        {
          kind: 'message',
          content:
            'Subject: smtpspec message to postmaster\r\n\r\nA test message for the postmaster mailbox.\r\n',
          expect: {
            codes: ['2xx', 451, 452],
            because: 'mail for postmaster MUST be accepted; 451/452 are transient local troubles',
          },
        },
      ],
    },
  ],
};

export default group;
