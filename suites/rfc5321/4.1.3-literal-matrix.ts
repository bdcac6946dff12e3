/**
 * Address literals of RFC 5321 §4.1.3, form by form, generated from the tables below.
 *
 * - In a reverse-path a literal may be refused for policy (and §4.1.4 asks for 501 when a
 *   MAIL argument "is not acceptable"), so valid and invalid forms are both MAY: what the
 *   server chose is reported (rfc5321/4.1.3 has the first few forms).
 * - In EHLO a literal is what a client without a name sends (§4.1.1.1), and one that does
 *   not match the client's address is no reason to refuse its mail: "if the verification
 *   fails, the server MUST NOT refuse to accept a message on that basis" (§4.1.4). Those
 *   cases first send the same message after a plain EHLO (the control), then on a second
 *   connection after the literal, so a refusal can only be the literal's doing.
 */
import type { ScenarioSource, Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO } from '../_steps.ts';
import { SYNTAX_ERROR } from './_grammar.ts';

const V4 = ['R5321-4.1.2-g', 'R5321-4.1.3-a', 'R5321-4.1.3-d'];
const V6 = ['R5321-4.1.2-g', 'R5321-4.1.3-b'];
const GENERAL = ['R5321-4.1.2-g'];

function literalSender(
  slug: string,
  title: string,
  literal: string,
  valid: boolean,
  requirements: string[],
): ScenarioSource {
  const expect = valid
    ? {
        codes: [250],
        because: `${literal} is an address literal of §4.1.3; a refusal may be policy, so it is only reported`,
      }
    : {
        codes: [...SYNTAX_ERROR, 550],
        because: `${literal} is no address literal of §4.1.3, so normally a syntax error; a server may also accept it`,
      };
  return {
    id: `rfc5321/4.1.3/${slug}`,
    title,
    level: 'MAY',
    requirements,
    steps: [EHLO, { kind: 'send', line: `MAIL FROM:<smtpspec-probe@${literal}>`, expect }],
  };
}

type Row = [slug: string, title: string, literal: string, requirements: string[]];

const VALID: Row[] = [
  [
    'ipv4-literal-leading-zeros',
    'an IPv4 literal with leading zeros (Snum "001")',
    '[192.0.2.001]',
    V4,
  ],
  ['ipv4-literal-all-zeros', 'the IPv4 literal [0.0.0.0]', '[0.0.0.0]', V4],
  ['ipv6-loopback-literal', 'the compressed IPv6 literal [IPv6:::1]', '[IPv6:::1]', V6],
  ['ipv6-upper-case-hex', 'an IPv6 literal in upper-case hex', '[IPv6:2001:DB8:0:0:0:0:0:1]', V6],
  [
    'ipv6-lower-case-tag',
    'an IPv6 literal with a lower-case "ipv6:" tag',
    '[ipv6:2001:db8::1]',
    V6,
  ],
  ['ipv6-trailing-double-colon', 'an IPv6 literal ending in "::"', '[IPv6:2001:db8:1:2:3:4::]', V6],
  [
    'ipv6v4-full-literal',
    'a full IPv6 literal ending in dotted IPv4',
    '[IPv6:0:0:0:0:0:ffff:192.0.2.1]',
    V6,
  ],
  [
    'general-address-literal',
    'a General-address-literal with an unregistered tag',
    '[x-smtpspec:probe]',
    GENERAL,
  ],
];

const INVALID: Row[] = [
  ['ipv4-three-octets', 'an IPv4 literal of three octets', '[192.0.2]', V4],
  ['ipv4-five-octets', 'an IPv4 literal of five octets', '[192.0.2.1.5]', V4],
  ['ipv4-four-digit-octet', 'an IPv4 octet of four digits', '[192.0.2.0001]', V4],
  ['ipv6-nine-groups', 'an IPv6 literal of nine groups', '[IPv6:1:2:3:4:5:6:7:8:9]', V6],
  ['ipv6-five-hex-digits', 'an IPv6 group of five hex digits', '[IPv6:12345::1]', V6],
  [
    'ipv6v4-octet-out-of-range',
    'an IPv6 literal ending in IPv4 with 256',
    '[IPv6:::ffff:192.0.2.256]',
    V6,
  ],
  ['literal-unclosed', 'an address literal without "]"', '[192.0.2.1', V4],
  ['literal-empty', 'an empty address literal', '[]', V4],
];

/** A message after a plain EHLO (control), then on a new connection after `EHLO literal`. */
function ehloLiteral(slug: string, title: string, literal: string): ScenarioSource {
  const transaction = (role: 'control' | 'check'): Step[] => {
    const because =
      role === 'control'
        ? undefined
        : `the same transaction was accepted after a plain EHLO; an EHLO literal that does not match the client MUST NOT be a reason to refuse the message`;
    const expect = (codes: number[]) => ({ role, codes, ...(because ? { because } : {}) });
    return [
      { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: expect([250]) },
      { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: expect([250, 251]) },
      { kind: 'send', line: 'DATA', expect: expect([354]) },
      {
        kind: 'message',
        content: `Subject: smtpspec EHLO ${literal}\r\n\r\nA client that names itself by an address literal.\r\n`,
        expect: expect([250]),
      },
    ];
  };
  return {
    id: `rfc5321/4.1.3/${slug}`,
    title,
    level: 'MUST',
    requirements: ['R5321-4.1.4-h', 'R5321-2.2.1-b'],
    // The control on a first connection, the literal on a second: some servers refuse a
    // second EHLO in one session, which is not what this case is about.
    steps: [
      EHLO,
      ...transaction('control'),
      { kind: 'connection', index: 1 },
      {
        kind: 'ehlo',
        name: literal,
        expect: {
          role: 'check',
          codes: [250],
          because: 'ehlo = "EHLO" SP ( Domain / address-literal ) (§4.1.1.1)',
        },
      },
      ...transaction('check'),
    ],
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/4.1.3/matrix',
  title: 'Address literals, form by form',
  spec: 'RFC 5321',
  section: '4.1.3',
  scenarios: [
    ...VALID.map(([slug, what, literal, reqs]) =>
      literalSender(slug, `A sender at ${what} is taken as valid syntax`, literal, true, reqs),
    ),
    ...INVALID.map(([slug, what, literal, reqs]) =>
      literalSender(
        slug,
        `A sender at ${what}: a syntax error, or accepted by choice`,
        literal,
        false,
        reqs,
      ),
    ),
    ehloLiteral(
      'ehlo-ipv4-literal-message-accepted',
      'After EHLO with an IPv4 literal that is not the client, a message is still accepted',
      '[192.0.2.1]',
    ),
    ehloLiteral(
      'ehlo-ipv6-literal-message-accepted',
      'After EHLO with an IPv6 literal that is not the client, a message is still accepted',
      '[IPv6:2001:db8::1]',
    ),
    ehloLiteral(
      'ehlo-ipv6v4-literal-message-accepted',
      'After EHLO with an IPv6 literal ending in dotted IPv4, a message is still accepted',
      '[IPv6:::ffff:192.0.2.1]',
    ),
  ],
};

export default group;
