/**
 * RFC 6531 §3.2 and §3.6: with the SMTPUTF8 parameter, UTF-8 mailboxes and UTF-8 headers
 * are taken. Step strings are octets (latin1): UTF-8 is written out as its bytes and sent
 * with sendRaw, so nothing re-encodes it on the way.
 */
import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { DATA, EHLO, MESSAGE_CONTROL, RCPT } from '../_steps.ts';

const NEEDS = { ehlo: ['SMTPUTF8'] };

/** "jörg" in UTF-8. */
const JOERG = 'j\xc3\xb6rg';
/** "müller-smtpspec" in UTF-8. */
const MUELLER = 'm\xc3\xbcller-smtpspec';

const group: SuiteGroup = {
  id: 'rfc6531/3.2',
  title: 'UTF-8 mailboxes with the SMTPUTF8 parameter',
  spec: 'RFC 6531',
  section: '3.2',
  preconditions: NEEDS,
  scenarios: [
    {
      // Observer: every reply of the run from a server that advertised SMTPUTF8
      // (harness/judge/observers.ts), e.g. a refusal echoing a UTF-8 address.
      id: 'rfc6531/3.7.4.2/replies-ascii-where-required',
      title: 'An SMTPUTF8 server puts UTF-8 only in the replies RFC 6531 §3.7.4 permits',
      section: '3.7.4.2',
      level: 'MUST',
      requirements: ['R6531-3.7.4.2-a'],
      observe: 'smtputf8-reply-text',
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> SMTPUTF8',
          expect: { role: 'setup', codes: [250] },
        },
        {
          kind: 'sendRaw',
          bytes: 'RCPT TO:<m\xc3\xbcller-smtpspec@{{domain}}>\r\n',
          note: 'RCPT TO:<müller-smtpspec@domain>, the ü as UTF-8 C3 BC',
          expect: {},
        },
      ],
    },
    {
      id: 'rfc6531/3.2/utf8-sender-accepted',
      title: 'MAIL with a UTF-8 local part and the SMTPUTF8 parameter is accepted',
      level: 'MUST',
      requirements: ['R6531-3.2-a', 'R6531-3.1-b'],
      steps: [
        EHLO,
        {
          kind: 'sendRaw',
          bytes: `MAIL FROM:<${JOERG}@{{domain}}> SMTPUTF8\r\n`,
          note: 'MAIL FROM:<jörg@domain> SMTPUTF8, the ö as UTF-8 C3 B6',
          expect: { codes: [250] },
        },
      ],
    },
    {
      id: 'rfc6531/3.2/utf8-recipient-parsed',
      title: 'RCPT with a UTF-8 local part after MAIL ... SMTPUTF8 is not refused as malformed',
      level: 'MUST',
      requirements: ['R6531-3.2-a'],
      steps: [
        EHLO,
        { kind: 'send', line: 'MAIL FROM:<{{from}}> SMTPUTF8', expect: { role: 'setup' } },
        {
          kind: 'sendRaw',
          bytes: `RCPT TO:<${MUELLER}@{{domain}}>\r\n`,
          note: 'RCPT TO:<müller-smtpspec@domain>, the ü as UTF-8 C3 BC',
          expect: {
            // The mailbox need not exist: "no such user" (550) is a fine answer. A syntax
            // error (501, 555) or "mailbox name not allowed" (553, RFC 6531 §3.5) is not.
            codes: [250, 251, 450, 451, 452, 550, 551],
            because: 'a server announcing SMTPUTF8 parses UTF-8 mailboxes (RFC 6531 §3.2)',
          },
        },
      ],
    },
    {
      id: 'rfc6531/3.2/utf8-headers-accepted',
      title:
        'A message with UTF-8 From and Subject, sent with SMTPUTF8 and BODY=8BITMIME, is accepted',
      level: 'MUST',
      requirements: ['R6531-3.1-b', 'R6531-3.6-a'],
      steps: [
        EHLO,
        // The control: a plain message is accepted from this client at all.
        ...MESSAGE_CONTROL,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}> SMTPUTF8 BODY=8BITMIME',
          expect: {
            codes: [250],
            because: 'SMTPUTF8 servers support 8BITMIME (RFC 6531 §3.6)',
          },
        },
        RCPT,
        DATA,
        {
          kind: 'message',
          content: `From: J\xc3\xb6rg <${JOERG}@smtpspec.example>\r\nSubject: Gr\xc3\xbc\xc3\x9fe aus K\xc3\xb6ln\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\xc3\x9cberall UTF-8.\r\n`,
          expect: { codes: [250] },
        },
      ],
    },
  ],
};

export default group;
