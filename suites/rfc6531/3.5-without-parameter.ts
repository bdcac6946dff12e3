/**
 * RFC 6531 §3.4 and §3.5: UTF-8 mailboxes without the SMTPUTF8 parameter. A server may
 * take them (only the client is forbidden to send them, §3.2); if it refuses them because
 * it needs an ASCII address, §3.5 names the code: 553 for RCPT, 550 for MAIL (MUST). A
 * refusal as a syntax error (500, 501) is the wrong code for that reason and fails; a
 * refusal for another reason the case cannot rule out (no such mailbox: 550; 553 for a
 * MAIL whose name is not allowed; a temporary 45x) passes, as does acceptance.
 */
import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, openTransaction } from '../_steps.ts';

const NEEDS = { ehlo: ['SMTPUTF8'] };

const group: SuiteGroup = {
  id: 'rfc6531/3.5',
  title: 'UTF-8 mailboxes without the SMTPUTF8 parameter',
  spec: 'RFC 6531',
  section: '3.5',
  preconditions: NEEDS,
  scenarios: [
    {
      id: 'rfc6531/3.5/utf8-sender-without-parameter',
      title:
        'MAIL with a UTF-8 local part but no SMTPUTF8 parameter: accepted, or refused with 550 (not as a syntax error)',
      level: 'MUST',
      requirements: ['R6531-3.5-b'],
      steps: [
        EHLO,
        {
          kind: 'sendRaw',
          bytes: 'MAIL FROM:<j\xc3\xb6rg@{{domain}}>\r\n',
          note: 'MAIL FROM:<jörg@domain> without SMTPUTF8, the ö as UTF-8 C3 B6',
          expect: {
            codes: [250, 550, 553, 451, 452],
            because:
              'a MAIL refused for needing an ASCII address gets 550 (RFC 6531 §3.5), not a syntax error',
          },
        },
      ],
    },
    {
      id: 'rfc6531/3.5/utf8-recipient-without-parameter',
      title:
        'RCPT with a UTF-8 local part after a plain MAIL: accepted, or refused with 553 (not as a syntax error)',
      level: 'MUST',
      requirements: ['R6531-3.5-a'],
      steps: [
        ...openTransaction,
        {
          kind: 'sendRaw',
          bytes: 'RCPT TO:<m\xc3\xbcller-smtpspec@{{domain}}>\r\n',
          note: 'RCPT TO:<müller-smtpspec@domain> without SMTPUTF8 on MAIL, the ü as UTF-8 C3 BC',
          expect: {
            codes: [250, 251, 553, 550, 450, 451, 452],
            because:
              'a RCPT refused for needing an ASCII address gets 553 (RFC 6531 §3.5), not a syntax error; 550 if the mailbox does not exist anyway',
          },
        },
      ],
    },
    {
      // Observer: the SMTPUTF8 line of every EHLO reply the run read.
      id: 'rfc6531/3.1/keyword-without-parameter',
      title: 'SMTPUTF8 is advertised without a parameter',
      section: '3.1',
      level: 'MUST',
      requirements: ['R6531-3.1-a'],
      observe: 'smtputf8-no-parameter',
      steps: [{ kind: 'ehlo', requires: ['SMTPUTF8'] }],
    },
    {
      id: 'rfc6531/3.1/smtputf8-with-value-refused',
      title:
        'MAIL with SMTPUTF8=yes (the parameter takes no value): refused, or accepted by choice',
      section: '3.1',
      level: 'MAY',
      requirements: ['R6531-3.1-c'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> SMTPUTF8=yes',
          expect: {
            codes: [501, 555, 550, 553],
            because:
              'SMTPUTF8 "does not accept a value" (RFC 6531 §3.1), a rule for the client: refusing the value is usual, accepting it a choice no sentence forbids',
          },
        },
      ],
    },
  ],
};

export default group;
