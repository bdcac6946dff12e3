import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, openTransaction, RSET, withRecipient } from '../_steps.ts';

const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.2',
  title: 'MAIL',
  spec: 'RFC 5321',
  section: '4.1.1.2',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.2/null-reverse-path',
      title: 'MAIL FROM:<> (the null reverse-path of notifications) is accepted',
      level: 'MUST',
      requirements: ['R5321-6.1-c'],
      steps: [
        // The control: the same recipient with an ordinary sender. A refusal there is the
        // server's policy about that recipient, not about the null reverse-path.
        ...withRecipient,
        RSET,
        {
          kind: 'send',
          line: 'MAIL FROM:<>',
          expect: {
            codes: [250],
            because:
              'non-delivery notifications must be sent with a null reverse-path (RFC 5321 §6.1, §3.6.3)',
          },
        },
        {
          kind: 'send',
          line: 'RCPT TO:<{{rcpt}}>',
          expect: {
            codes: [250, 251],
            because: 'a notification to a deliverable mailbox must get through (RFC 5321 §6.1)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.2/malformed-mail-keeps-state',
      title: 'A MAIL with a malformed argument is refused and opens no transaction',
      level: 'MUST',
      requirements: ['R5321-4.1.4-l', 'R5321-3.3-a'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'MAIL TO:<{{from}}>',
          expect: {
            codes: [501, 500],
            because:
              'an unacceptable transaction-beginning argument gets 501 (RFC 5321 §4.1.4); 500 if the verb is not recognised without FROM:',
          },
        },
        {
          kind: 'send',
          line: 'RCPT TO:<{{rcpt}}>',
          expect: {
            codes: [503],
            because:
              'the refused MAIL leaves the server where it was: no transaction (RFC 5321 §4.1.4)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.2/mail-trailing-space',
      title: 'MAIL FROM with a trailing space before CRLF is tolerated',
      level: 'SHOULD',
      requirements: ['R5321-4.1.1-a'],
      steps: [
        ...openTransaction,
        RSET,
        {
          kind: 'sendRaw',
          bytes: 'MAIL FROM:<{{from}}> \r\n',
          note: 'MAIL FROM:<sender> followed by one SP, then CRLF',
          expect: {
            codes: [250],
            because: 'receivers should tolerate trailing white space (RFC 5321 §4.1.1)',
          },
        },
      ],
    },
  ],
};

export default group;
