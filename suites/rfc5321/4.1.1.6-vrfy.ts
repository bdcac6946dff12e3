import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO } from '../_steps.ts';
import { insideTransaction } from './_inside-transaction.ts';

const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.6',
  title: 'VRFY',
  spec: 'RFC 5321',
  section: '4.1.1.6',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.6/vrfy-deliverable-mailbox',
      title: 'VRFY of a deliverable mailbox in local-part@domain form is implemented',
      level: 'SHOULD',
      requirements: ['R5321-3.5.1-a', 'R5321-3.5.1-g', 'R5321-3.5.2-f'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'VRFY {{rcpt}}',
          expect: {
            codes: [250, 251, 252],
            because:
              'VRFY should be supported and accept local-part@domain; a site that disables it answers 252 (RFC 5321 §3.5.1, §7.3)',
          },
        },
      ],
    },
    {
      // "postmaster" is the one local mailbox every server has (RFC 5321 §4.5.1), so it is
      // the user name the harness can ask about without knowing the target's users.
      id: 'rfc5321/4.1.1.6/vrfy-bare-user-name',
      title: 'VRFY of a bare local user name (postmaster) is recognised',
      level: 'MUST',
      requirements: ['R5321-3.5.1-f'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'VRFY postmaster',
          expect: {
            // 500/502: VRFY not implemented at all, which vrfy-deliverable-mailbox reports.
            codes: [250, 251, 252, 553, 500, 502],
            because:
              'VRFY must recognise local mailboxes as user names (RFC 5321 §3.5.1); 550 or 504 would deny a mailbox that exists',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.6/vrfy-unknown-not-verified',
      title: 'VRFY of a non-existent mailbox does not get 250',
      level: 'MUST',
      requirements: ['R5321-3.5.3-a', 'R5321-3.5.3-b', 'R5321-7.3-a'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'VRFY {{unknownRcpt}}',
          expect: {
            codes: [252, '4xx', '5xx'],
            because: '250 only for an address actually verified (RFC 5321 §3.5.3)',
          },
        },
      ],
    },
    insideTransaction(
      'VRFY',
      '4.1.1.6',
      { kind: 'send', line: 'VRFY {{rcpt2}}' },
      'VRFY has no effect on the reverse-path, forward-path or mail data buffers (RFC 5321 §4.1.1.6)',
    ),
  ],
};

export default group;
