/**
 * RFC 3207 §4: STARTTLS takes no argument, answers 220 and leads to a working TLS
 * handshake; and TLS is an offer, not a condition for mail to local recipients.
 */
import type { SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, NOOP_OK } from '../_steps.ts';

const group: SuiteGroup = {
  id: 'rfc3207/4',
  title: 'The STARTTLS command',
  spec: 'RFC 3207',
  section: '4',
  preconditions: { tls: true },
  scenarios: [
    {
      id: 'rfc3207/4/handshake-and-ehlo',
      title: 'STARTTLS gets 220, the TLS handshake completes, and EHLO inside TLS gets 250',
      level: 'MUST',
      requirements: ['R3207-4-a', 'R3207-4.2-e'],
      steps: [
        EHLO,
        { kind: 'startTls', expect: { role: 'check', codes: [220] } },
        { kind: 'ehlo', expect: { role: 'check', codes: [250] } },
      ],
    },
    {
      id: 'rfc3207/4/argument-refused',
      title:
        'STARTTLS with an argument: refused with 501, or taken (a choice RFC 3207 §4 leaves open)',
      level: 'MAY',
      requirements: ['R3207-4-a'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'STARTTLS smtpspec',
          expect: {
            codes: [501, 454],
            because:
              '501 Syntax error (no parameters allowed) (RFC 3207 §4); 220 is also among the replies §4 lists, so taking the command is reported, not blamed',
          },
        },
        NOOP_OK,
      ],
    },
    {
      id: 'rfc3207/4/plaintext-local-delivery',
      title:
        'Without TLS, a publicly-referenced MX does not refuse local mail with 530 (TLS required)',
      // The rule binds "a publicly-referenced SMTP server" (port 25 of a host an MX record
      // names, RFC 3207 §4); a submission server may require TLS. Whether an MX record names
      // the target shows nowhere on the connection, so the user declares it (--mx-domain)
      // and the case skips otherwise. Any refusal but 530 is some other policy.
      level: 'MUST',
      requirements: ['R3207-4-c'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}>',
          expect: {
            codes: [250, 451, 452, 455, 501, 550, 552, 553, 555],
            because:
              'any MAIL reply but 530 "Must issue a STARTTLS command first": a publicly-referenced MX takes mail without TLS (RFC 3207 §4)',
          },
        },
        {
          kind: 'send',
          line: 'RCPT TO:<postmaster@{{mxDomain}}>',
          expect: {
            // 503 after a MAIL refused for another reason.
            codes: [250, 251, 450, 451, 452, 503, 550, 551, 552, 553],
            because:
              'any RCPT reply but 530 "Must issue a STARTTLS command first": a publicly-referenced MX takes mail without TLS (RFC 3207 §4)',
          },
        },
      ],
    },
  ],
};

export default group;
