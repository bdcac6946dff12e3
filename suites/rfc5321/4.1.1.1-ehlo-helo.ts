import type { SuiteGroup } from '../../harness/scenario/types.ts';

const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.1',
  title: 'EHLO and HELO',
  spec: 'RFC 5321',
  section: '4.1.1.1',
  scenarios: [
    {
      id: 'rfc5321/4.1.1.1/ehlo-accepted',
      title: 'EHLO with a domain is answered with 250',
      level: 'MUST',
      requirements: ['R5321-2.2.1-a', 'R5321-2.2.1-b'],
      steps: [
        {
          kind: 'ehlo',
          // Supported means not "not implemented" (500, 502): a server may still find this
          // EHLO unacceptable and say so with 550 (RFC 5321 §4.1.4).
          expect: {
            role: 'check',
            codes: [250, 550],
            because: 'servers must support EHLO even without extensions (RFC 5321 §2.2.1)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.1/helo-accepted',
      title: 'HELO with a domain is answered with 250',
      level: 'MUST',
      requirements: ['R5321-2.2.1-d', 'R5321-4.1.1.1-d'],
      steps: [
        {
          kind: 'send',
          line: 'HELO {{helo}}',
          // As for EHLO: a 550 refusal (RFC 5321 §4.1.4) is a proper reply, 500/502 are not.
          expect: {
            codes: [250, 550],
            because: 'servers must support HELO and reply properly to it (RFC 5321 §4.1.1.1)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.1/helo-opens-session',
      title: 'After HELO a MAIL command is not refused as out of sequence',
      level: 'MUST',
      requirements: ['R5321-4.1.1.1-d', 'R5321-2.2.1-d'],
      steps: [
        { kind: 'send', line: 'HELO {{helo}}', expect: { role: 'setup', codes: [250] } },
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}>',
          expect: {
            // The MAIL row of RFC 5321 §4.3.2 without 503: policy refusals are fine here.
            codes: [250, 552, 451, 452, 550, 553, 455, 555],
            because:
              'HELO initialises the session like EHLO, so 503 would be wrong (RFC 5321 §4.1.1.1)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.1/ehlo-address-literal',
      title: 'EHLO with an IPv4 address literal instead of a domain is accepted',
      level: 'MUST',
      requirements: ['R5321-2.2.1-b'],
      steps: [
        {
          kind: 'send',
          line: 'EHLO [127.0.0.1]',
          expect: {
            codes: [250],
            because: 'ehlo = "EHLO" SP ( Domain / address-literal ) CRLF (RFC 5321 §4.1.1.1)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.1.1/ehlo-without-domain',
      title: 'EHLO without its domain argument is refused',
      level: 'MUST',
      requirements: ['R5321-4.1.4-d'],
      steps: [
        {
          kind: 'send',
          line: 'EHLO',
          expect: {
            codes: [501, 500, 502, 550],
            because: 'an EHLO that is not acceptable gets 501, 500, 502 or 550 (RFC 5321 §4.1.4)',
          },
        },
      ],
    },
  ],
};

export default group;
