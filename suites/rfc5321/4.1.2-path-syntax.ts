import type { Level, ScenarioSource, Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { EHLO, NOOP_OK, openTransaction } from '../_steps.ts';

// A path the grammar allows may still be refused for policy (550, 4yz); what it must not
// get is a syntax error. The MAIL row of §4.3.2 without 500, 501, 553, 555:
const MAIL_NOT_SYNTAX = [250, 451, 452, 455, 550, 552];
// 553 is "mailbox name not allowed (e.g., mailbox syntax incorrect)" (§4.2.2), which servers
// use for bad paths as often as the 501 of §4.1.2 and §4.1.4; both are accepted.
const SYNTAX_ERROR = [501, 553];
// For control octets, §2.4 suggests "500 syntax error - invalid character" too.
const INVALID_CHARACTER = [500, 501, 553];

function mailCase(
  slug: string,
  title: string,
  level: Level,
  requirements: string[],
  last: Step,
): ScenarioSource {
  const steps: Step[] = [EHLO, last];
  // After a refused MAIL the server must be in the state it was in (§4.1.4).
  if (level === 'MUST') steps.push(NOOP_OK);
  return {
    id: `rfc5321/4.1.2/${slug}`,
    title,
    level,
    requirements,
    steps,
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/4.1.2',
  title: 'Command argument syntax: paths and mailboxes',
  spec: 'RFC 5321',
  section: '4.1.2',
  scenarios: [
    mailCase(
      'source-route-in-reverse-path',
      'A reverse-path with a source route is recognised',
      'MUST',
      ['R5321-4.1.2-c', 'R5321-F.2-a', 'R5321-C-c'],
      {
        kind: 'send',
        line: 'MAIL FROM:<@{{foreignDomain}}:{{from}}>',
        expect: { codes: MAIL_NOT_SYNTAX, because: 'source route syntax MUST be accepted' },
      },
    ),
    {
      id: 'rfc5321/4.1.2/quoted-postmaster',
      title:
        'A needlessly quoted local-part ("postmaster") is the same mailbox as the unquoted one',
      level: 'MUST',
      requirements: ['R5321-4.1.2-i', 'R5321-4.5.1-d'],
      steps: [
        ...openTransaction,
        {
          kind: 'send',
          line: 'RCPT TO:<"postmaster"@{{domain}}>',
          expect: {
            codes: [250, 251],
            because: 'quoted forms are equivalent, and postmaster MUST be accepted',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.2/quoted-pair-postmaster',
      title: 'A quoted-pair in a local-part ("post\\master") is the same mailbox as postmaster',
      level: 'MUST',
      requirements: ['R5321-4.1.2-i', 'R5321-4.5.1-d'],
      steps: [
        ...openTransaction,
        {
          kind: 'send',
          line: 'RCPT TO:<"post\\master"@{{domain}}>',
          expect: {
            codes: [250, 251],
            because:
              '"\\m" is the quoted-pair for "m", so this is postmaster, which MUST be accepted',
          },
        },
      ],
    },
    mailCase(
      'underscore-in-domain',
      'An underscore in a domain label gets 501',
      'MUST',
      ['R5321-4.1.2-n'],
      {
        kind: 'send',
        line: 'MAIL FROM:<smtpspec-probe@bad_label.{{domain}}>',
        expect: {
          codes: SYNTAX_ERROR,
          because:
            '"the underscore character is not permitted" in a label, and such a command MUST be rejected (501; 553 accepted too)',
        },
      },
    ),
    mailCase(
      'nul-in-local-part',
      'A NUL octet in a mailbox gets a syntax error, and the session goes on',
      'MUST',
      ['R5321-4.1.2-n', 'R5321-4.2-a'],
      {
        kind: 'sendRaw',
        hostile: true,
        bytes: 'MAIL FROM:<smtpspec\x00probe@{{domain}}>\r\n',
        note: 'MAIL FROM with a NUL (0x00) inside the local-part',
        expect: {
          codes: INVALID_CHARACTER,
          because: 'control characters are invalid in a mailbox (§4.1.2)',
        },
      },
    ),
    mailCase(
      'space-in-local-part',
      'A local-part with an unquoted space: refused as a syntax error, or accepted by choice',
      'MAY',
      ['R5321-4.1.2-b', 'R5321-4.1.2-g', 'R5321-4.1.4-l'],
      {
        kind: 'send',
        line: 'MAIL FROM:<smtpspec probe@{{domain}}>',
        expect: {
          codes: SYNTAX_ERROR,
          because:
            'an atom holds no space, so this is no Mailbox (§4.1.2); the grammar binds the client, so accepting it is a choice no sentence forbids',
        },
      },
    ),
    mailCase(
      'missing-angle-brackets',
      'A path without its angle brackets: refused as a syntax error, or accepted by choice',
      'MAY',
      ['R5321-4.1.2-b', 'R5321-4.1.4-l'],
      {
        kind: 'send',
        line: 'MAIL FROM:{{from}}',
        expect: {
          codes: SYNTAX_ERROR,
          because:
            'Path = "<" [ A-d-l ":" ] Mailbox ">" binds the client; no rule demands refusal, so a lenient server is reported, not blamed',
        },
      },
    ),
  ],
};

export default group;
