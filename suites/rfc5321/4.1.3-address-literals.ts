import type { ScenarioSource, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO } from '../_steps.ts';

/**
 * Address literals in a reverse-path. A server may refuse any sender by policy, and §4.1.4
 * even asks for 501 when a MAIL argument "is not acceptable", so a refusal of a valid
 * literal proves no parser bug: those cases are informational (MAY), reporting what the
 * server chose. Invalid literals are outside the grammar, which binds the client: a syntax
 * error is usual, acceptance a choice no sentence forbids, so those cases are MAY too.
 * Literals as recipients are relay attempts: see rfc5321/3.6.
 */

const VALID = {
  codes: [250],
  because: 'a well-formed address literal; a refusal here may be policy, so it is only reported',
};
const INVALID = {
  codes: [501, 553, 550],
  because:
    'not an address literal in the grammar of §4.1.3, so normally a syntax error; a server may also accept it',
};

function literal(
  slug: string,
  title: string,
  mailbox: string,
  valid: boolean,
  requirements: string[],
): ScenarioSource {
  return {
    id: `rfc5321/4.1.3/${slug}`,
    title,
    level: 'MAY',
    requirements,
    steps: [
      EHLO,
      { kind: 'send', line: `MAIL FROM:<${mailbox}>`, expect: valid ? VALID : INVALID },
    ],
  };
}

const V4 = ['R5321-4.1.2-g', 'R5321-4.1.3-a', 'R5321-4.1.3-d'];
const V6 = ['R5321-4.1.2-g', 'R5321-4.1.3-b'];

const group: SuiteGroup = {
  id: 'rfc5321/4.1.3',
  title: 'Address literals',
  spec: 'RFC 5321',
  section: '4.1.3',
  scenarios: [
    literal(
      'ipv4-literal-sender',
      'A sender at an IPv4 address literal is taken as valid syntax',
      'smtpspec-probe@[192.0.2.1]',
      true,
      V4,
    ),
    literal(
      'ipv6-full-literal-sender',
      'A sender at a full IPv6 address literal is taken as valid syntax',
      'smtpspec-probe@[IPv6:2001:db8:0:0:0:0:0:1]',
      true,
      V6,
    ),
    literal(
      'ipv6-compressed-literal-sender',
      'A sender at a compressed ("::") IPv6 address literal is taken as valid syntax',
      'smtpspec-probe@[IPv6:2001:db8::1]',
      true,
      V6,
    ),
    literal(
      'ipv6v4-literal-sender',
      'A sender at an IPv6 literal ending in dotted IPv4 is taken as valid syntax',
      'smtpspec-probe@[IPv6:::ffff:192.0.2.1]',
      true,
      V6,
    ),
    literal(
      'ipv4-octet-out-of-range',
      'An IPv4 literal with an octet above 255: a syntax error, or accepted by choice',
      'smtpspec-probe@[192.0.2.256]',
      false,
      V4,
    ),
    // Not "[2001:db8::1]": without the tag that parses as a General-address-literal
    // whose tag is "2001", which is unregistered but not a syntax error.
    literal(
      'ipv6-literal-two-double-colons',
      'An IPv6 literal with two "::": a syntax error, or accepted by choice',
      'smtpspec-probe@[IPv6:2001:db8::1::2]',
      false,
      V6,
    ),
  ],
};

export default group;
