/**
 * RFC 6531 §3.4 and §3.5: UTF-8 mailboxes without the SMTPUTF8 parameter. A server may
 * take them (only the client is forbidden to send them, §3.2); if it refuses, §3.5 names
 * the codes: 553 for RCPT, 550 for MAIL. Cases here are MAY: acceptance is reported as
 * `info`, never as a failure.
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
        'MAIL with a UTF-8 local part but no SMTPUTF8 parameter: refusal is 550 (or a syntax 501/553)',
      level: 'MAY',
      requirements: ['R6531-3.5-b'],
      steps: [
        EHLO,
        {
          kind: 'sendRaw',
          bytes: 'MAIL FROM:<j\xc3\xb6rg@{{domain}}>\r\n',
          note: 'MAIL FROM:<jörg@domain> without SMTPUTF8, the ö as UTF-8 C3 B6',
          expect: {
            codes: [550, 553, 501],
            because:
              'a MAIL refused for needing an ASCII address gets 550 (RFC 6531 §3.5); outside SMTPUTF8 the path is also a syntax error of RFC 5321',
          },
        },
      ],
    },
    {
      id: 'rfc6531/3.5/utf8-recipient-without-parameter',
      title:
        'RCPT with a UTF-8 local part after a plain MAIL: refusal is 553 (or a syntax 501/550)',
      level: 'MAY',
      requirements: ['R6531-3.5-a'],
      steps: [
        ...openTransaction,
        {
          kind: 'sendRaw',
          bytes: 'RCPT TO:<m\xc3\xbcller-smtpspec@{{domain}}>\r\n',
          note: 'RCPT TO:<müller-smtpspec@domain> without SMTPUTF8 on MAIL, the ü as UTF-8 C3 BC',
          expect: {
            codes: [553, 550, 501],
            because:
              'a RCPT refused for needing an ASCII address gets 553 (RFC 6531 §3.5); 550 if the mailbox does not exist anyway',
          },
        },
      ],
    },
    {
      id: 'rfc6531/3.1/smtputf8-with-value-refused',
      title: 'MAIL with SMTPUTF8=yes (the parameter takes no value) is refused with 501 or 555',
      section: '3.1',
      level: 'SHOULD',
      requirements: ['R6531-3.1-c'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> SMTPUTF8=yes',
          expect: {
            codes: [501, 555],
            because: 'SMTPUTF8 "does not accept a value" (RFC 6531 §3.1)',
          },
        },
      ],
    },
  ],
};

export default group;
