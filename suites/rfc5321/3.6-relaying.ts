import type { ScenarioSource, Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, openTransaction } from '../_steps.ts';

/**
 * Relaying (§3.6, §7.9): an unauthenticated client may not use the target to reach
 * {{foreignDomain}}, however the address is dressed up. RFC 5321 only says implementations
 * SHOULD be able to restrict relaying (§7.9), so these cases warn rather than fail; the
 * target profile says that {{foreignDomain}} is not the target's to accept.
 *
 * From the wire "relayed" can only be read as "accepted" (2yz), which is sound when the
 * address can only mean a foreign mailbox. Some tricks hide the foreign address inside a
 * local-part at one of our domains ("%", "!", a quoted "@"), and a server that takes such
 * a local-part literally is delivering locally, not relaying. Those cases first check that
 * the server refuses unknown local mailboxes; if it accepts them, a 2yz proves nothing and
 * the case is skipped.
 */

const REFUSED = {
  codes: ['4xx', '5xx'],
  because: 'the final destination is foreign and the client is not authorised to relay',
};
const LOCALPART_REFUSED = {
  codes: ['4xx', '5xx'],
  because:
    'no such local mailbox exists (unknown mailboxes are refused), so accepting it means routing it on to the foreign domain',
};

const UNKNOWN_LOCAL_REFUSED: Step = {
  kind: 'send',
  line: 'RCPT TO:<{{unknownRcpt}}>',
  expect: {
    codes: ['4xx', '5xx'],
    role: 'setup',
    because: 'an accepted unknown local mailbox would make a 2yz below ambiguous',
  },
};

function relay(slug: string, title: string, path: string, viaLocalPart = false): ScenarioSource {
  const probe: Step = {
    kind: 'send',
    line: `RCPT TO:<${path}>`,
    expect: viaLocalPart ? LOCALPART_REFUSED : REFUSED,
  };
  return {
    id: `rfc5321/3.6/${slug}`,
    title,
    level: 'SHOULD',
    requirements: ['R5321-7.9-a'],
    steps: viaLocalPart
      ? [...openTransaction, UNKNOWN_LOCAL_REFUSED, probe]
      : [...openTransaction, probe],
  };
}

const PROBE = 'smtpspec-relay-probe';

const group: SuiteGroup = {
  id: 'rfc5321/3.6',
  title: 'Relaying: foreign recipients are refused to an unauthenticated client',
  spec: 'RFC 5321',
  section: '3.6',
  scenarios: [
    relay('foreign-recipient-refused', 'A plain foreign recipient is refused', '{{foreign}}'),
    {
      // The first refusal shows the server does refuse; the same command again is then
      // judged for its code. (An accepting server is reported by the case above.)
      id: 'rfc5321/3.6/relay-refusal-is-550',
      title: 'A relay refusal uses 550',
      level: 'SHOULD',
      requirements: ['R5321-3.6.2-a', 'R5321-7.9-b'],
      steps: [
        ...openTransaction,
        {
          kind: 'send',
          line: 'RCPT TO:<{{foreign}}>',
          expect: {
            codes: ['5xx'],
            role: 'setup',
            because: 'only a permanent refusal is judged for its code',
          },
        },
        {
          kind: 'send',
          line: 'RCPT TO:<{{foreign}}>',
          expect: { codes: [550], because: 'declining to relay for policy reasons SHOULD get 550' },
        },
      ],
    },
    {
      id: 'rfc5321/3.6/foreign-recipient-null-sender-refused',
      title: 'A foreign recipient is refused with the null reverse-path too',
      level: 'SHOULD',
      requirements: ['R5321-7.9-a'],
      steps: [
        EHLO,
        { kind: 'send', line: 'MAIL FROM:<>', expect: { role: 'setup' } },
        { kind: 'send', line: 'RCPT TO:<{{foreign}}>', expect: REFUSED },
      ],
    },
    relay(
      'source-route-to-foreign-refused',
      'A source route through a local domain to a foreign mailbox is refused',
      `@{{domain}}:${PROBE}@{{foreignDomain}}`,
    ),
    relay(
      'trailing-dot-domain-refused',
      'A foreign domain written with a trailing dot is refused',
      `${PROBE}@{{foreignDomain}}.`,
    ),
    relay(
      'ipv4-literal-refused',
      'A foreign IPv4 address literal is refused',
      `${PROBE}@[192.0.2.1]`,
    ),
    relay(
      'ipv6-literal-refused',
      'A foreign IPv6 address literal is refused',
      `${PROBE}@[IPv6:2001:db8::1]`,
    ),
    relay(
      'local-domain-as-foreign-subdomain-refused',
      'A foreign domain that starts with a local domain name is refused',
      `${PROBE}@{{domain}}.{{foreignDomain}}`,
    ),
    relay(
      'percent-hack-refused',
      'The percent hack, user%foreign@local, is not relayed',
      `${PROBE}%{{foreignDomain}}@{{domain}}`,
      true,
    ),
    relay(
      'bang-path-refused',
      'A UUCP bang path, foreign!user@local, is not relayed',
      `{{foreignDomain}}!${PROBE}@{{domain}}`,
      true,
    ),
    relay(
      'quoted-at-sign-refused',
      'A quoted local-part holding the foreign address, "user@foreign"@local, is not relayed',
      `"${PROBE}@{{foreignDomain}}"@{{domain}}`,
      true,
    ),
    relay(
      'double-at-sign-refused',
      'A mailbox with two at-signs, user@foreign@local, is not relayed',
      `${PROBE}@{{foreignDomain}}@{{domain}}`,
      true,
    ),
  ],
};

export default group;
