/**
 * The path grammar of RFC 5321 §4.1.2, form by form, generated from the tables below.
 *
 * - Quoted forms of a mailbox the server must accept (the profile's recipient, postmaster)
 *   are the same mailbox (§4.1.2 "all quoted forms MUST be treated as equivalent"): MUST,
 *   after a control showing the plain form is accepted.
 * - Other valid local parts, as a sender: a server may refuse any sender for policy, and
 *   §4.1.4 asks for 501 whenever a MAIL argument "is not acceptable", so a refusal proves no
 *   parser bug: MAY, the refusal reported.
 * - Invalid forms break a grammar that binds the client: a syntax error is usual, acceptance
 *   a choice no sentence forbids (MAY), except where a server MUST refuses them: invalid
 *   characters in a domain label or control characters (§4.1.2, "MUST reject that command
 *   with a 501 response").
 * - Source routes MUST be accepted as syntax (§4.1.2, §4.1.1.3, F.2), SHOULD be ignored,
 *   and may still be declined as relaying (§3.3, §3.6.1): only a syntax error fails.
 */
import type {
  CodePattern,
  Level,
  ScenarioSource,
  Step,
  SuiteGroup,
} from '../../harness/scenario/types.ts';
import { EHLO, MAIL, MAIL_CONTROL, NOOP_OK, RCPT_CONTROL, RSET } from '../_steps.ts';
import { INVALID_CHARACTER, MAIL_NOT_SYNTAX, RCPT_NOT_SYNTAX, SYNTAX_ERROR } from './_grammar.ts';

const MAILBOX = ['R5321-4.1.2-b', 'R5321-4.1.2-g'];

function grammarCase(
  slug: string,
  title: string,
  level: Level,
  requirements: string[],
  steps: Step[],
): ScenarioSource {
  return { id: `rfc5321/4.1.2/${slug}`, title, level, requirements, steps };
}

/** A recipient form equivalent to one the server accepts, after that plain form (control). */
function equivalentRecipient(slug: string, title: string, plain: string, quoted: string) {
  const postmaster = plain.startsWith('postmaster@');
  return grammarCase(
    slug,
    title,
    'MUST',
    ['R5321-4.1.2-i', ...(postmaster ? ['R5321-4.5.1-c', 'R5321-4.5.1-d'] : [])],
    [
      EHLO,
      MAIL,
      {
        kind: 'send',
        line: `RCPT TO:<${plain}>`,
        expect: { role: 'control', codes: [250, 251] },
      },
      RSET,
      MAIL,
      {
        kind: 'send',
        line: `RCPT TO:<${quoted}>`,
        expect: {
          codes: [250, 251],
          because: `${quoted} is the mailbox ${plain}, just accepted: quoted forms MUST be treated as equivalent`,
        },
      },
    ],
  );
}

const EQUIVALENT: [string, string, string, string][] = [
  [
    'quoted-recipient-is-same-mailbox',
    'The recipient\'s local part in quotes ("alice"@domain) is the same mailbox',
    '{{rcpt}}',
    '"{{rcptLocal}}"@{{domain}}',
  ],
  [
    'quoted-pair-recipient-is-same-mailbox',
    'The recipient\'s local part with a quoted-pair ("\\alice"@domain) is the same mailbox',
    '{{rcpt}}',
    '"\\{{rcptLocal}}"@{{domain}}',
  ],
  [
    'quoted-upper-case-postmaster',
    'A quoted upper-case "POSTMASTER" at the domain is postmaster',
    'postmaster@{{domain}}',
    '"POSTMASTER"@{{domain}}',
  ],
  [
    'quoted-pairs-throughout-postmaster',
    'postmaster written as ten quoted-pairs ("\\p\\o\\s\\t\\m\\a\\s\\t\\e\\r") is postmaster',
    'postmaster@{{domain}}',
    '"\\p\\o\\s\\t\\m\\a\\s\\t\\e\\r"@{{domain}}',
  ],
];

/** A sender whose local part the grammar allows: accepted, or refused by choice (MAY). */
function validSender(slug: string, title: string, local: string): ScenarioSource {
  return grammarCase(slug, title, 'MAY', MAILBOX, [
    EHLO,
    MAIL_CONTROL,
    RSET,
    {
      kind: 'send',
      line: `MAIL FROM:<${local}@{{domain}}>`,
      expect: {
        codes: [250],
        because: `${local} is a Local-part of §4.1.2; a refusal here may be policy, so it is only reported`,
      },
    },
  ]);
}

const VALID_LOCAL_PARTS: [string, string, string][] = [
  ['atext-specials-sender', 'every atext special', "smtpspec!#$%&'*+/=?^_`{|}~-probe"],
  ['quoted-space-sender', 'a quoted space', '"smtpspec probe"'],
  ['quoted-specials-sender', 'quoted specials ()<>[]:;,@', '"smtpspec()<>[]:;,@probe"'],
  ['quoted-pair-dquote-sender', 'a quoted-pair for a double quote', '"smtpspec\\"probe"'],
  ['quoted-pair-backslash-sender', 'a quoted-pair for a backslash', '"smtpspec\\\\probe"'],
  ['quoted-pair-space-sender', 'a quoted-pair for a space', '"smtpspec\\ probe"'],
  ['quoted-leading-dot-sender', 'a leading dot inside quotes', '".smtpspec-probe"'],
  ['quoted-double-dot-sender', 'two dots in a row inside quotes', '"smtpspec..probe"'],
  ['empty-quoted-string-sender', 'an empty Quoted-string ("")', '""'],
];

/** A MAIL path outside the grammar: a syntax error, or accepted by choice (MAY). */
function invalidSender(slug: string, title: string, path: string): ScenarioSource {
  return grammarCase(
    slug,
    title,
    'MAY',
    [...MAILBOX, 'R5321-4.1.4-l'],
    [
      EHLO,
      {
        kind: 'send',
        line: `MAIL FROM:${path}`,
        expect: {
          codes: SYNTAX_ERROR,
          because: `${path} is no Reverse-path of §4.1.2; the grammar binds the client, so accepting it is a choice no sentence forbids`,
        },
      },
    ],
  );
}

const INVALID_PATHS: [string, string, string][] = [
  ['local-part-leading-dot', 'a leading dot in a Dot-string', '<.smtpspec-probe@{{domain}}>'],
  ['local-part-trailing-dot', 'a trailing dot in a Dot-string', '<smtpspec-probe.@{{domain}}>'],
  ['local-part-double-dot', 'two dots in a row in a Dot-string', '<smtpspec..probe@{{domain}}>'],
  ['local-part-empty', 'an empty local part', '<@{{domain}}>'],
  ['unterminated-quoted-string', 'an unterminated Quoted-string', '<"smtpspec-probe@{{domain}}>'],
  ['quote-inside-atom', 'a double quote inside an atom', '<smtp"spec"probe@{{domain}}>'],
  ['backslash-outside-quotes', 'a backslash outside quotes', '<smtpspec\\probe@{{domain}}>'],
  ['comment-in-local-part', 'an RFC 5322 comment in the local part', '<smtpspec(c)@{{domain}}>'],
  ['two-at-signs', 'two "@" in the mailbox', '<smtpspec@probe@{{domain}}>'],
  ['mailbox-without-domain', 'no "@domain" in the sender', '<smtpspec-probe>'],
  ['path-unclosed', 'no closing ">"', '<{{from}}'],
  ['path-double-brackets', 'doubled angle brackets', '<<{{from}}>>'],
  ['text-after-path', 'text right after the ">"', '<{{from}}>smtpspec'],
  ['domain-empty-label', 'an empty label in the domain', '<smtpspec-probe@smtpspec..example>'],
  ['domain-trailing-dot', 'a trailing dot in the domain', '<smtpspec-probe@{{domain}}.>'],
  ['domain-label-leading-hyphen', 'a label starting with "-"', '<smtpspec-probe@-x.{{domain}}>'],
];

/** A command with a character §4.1.2 says MUST be refused with 501 (MUST, then NOOP). */
function invalidCharacter(
  slug: string,
  title: string,
  step: Step,
  requirements: string[],
): ScenarioSource {
  return grammarCase(slug, title, 'MUST', requirements, [EHLO, step, NOOP_OK]);
}

const LABEL_RULE = ['R5321-4.1.2-m', 'R5321-4.1.2-n'];
const LABEL_BECAUSE =
  'only letters, digits and "-" may appear in a domain label, and a command using other characters MUST be rejected (501; 553 accepted too)';

function badLabelSender(slug: string, char: string): ScenarioSource {
  return invalidCharacter(
    slug,
    `A "${char}" in a domain label of the reverse-path gets 501`,
    {
      kind: 'send',
      line: `MAIL FROM:<smtpspec-probe@bad${char}label.{{domain}}>`,
      expect: { codes: SYNTAX_ERROR, because: LABEL_BECAUSE },
    },
    LABEL_RULE,
  );
}

/** Control octets in a path: invalid character codes, sent raw (hostile). */
function controlInPath(slug: string, title: string, bytes: string, note: string): ScenarioSource {
  return invalidCharacter(
    slug,
    title,
    {
      kind: 'sendRaw',
      hostile: true,
      bytes,
      note,
      expect: {
        codes: INVALID_CHARACTER,
        because: 'control characters are invalid character codes in a mailbox (§4.1.2)',
      },
    },
    ['R5321-4.1.2-n', 'R5321-4.2-a'],
  );
}

/** An EHLO domain outside the grammar: taken, or refused with a code §4.1.4 allows. */
function invalidEhlo(slug: string, title: string, name: string): ScenarioSource {
  return grammarCase(
    slug,
    title,
    'MUST',
    ['R5321-4.1.4-d', 'R5321-4.1.4-e'],
    [
      {
        kind: 'send',
        line: `EHLO ${name}`,
        expect: {
          codes: [250, 501, 500, 502, 550],
          codesByRule: true,
          because:
            'a server may take a malformed EHLO domain, but if it is not acceptable, 501, 500, 502, or 550 MUST be returned',
        },
      },
      NOOP_OK,
    ],
  );
}

const ROUTE = ['R5321-4.1.2-c', 'R5321-F.2-a', 'R5321-C-c'];
const ROUTE_RCPT = ['R5321-3.3-d', 'R5321-4.1.1.3-b', 'R5321-4.1.2-c'];

function route(
  slug: string,
  title: string,
  level: Level,
  requirements: string[],
  line: string,
  codes: CodePattern[],
  because: string,
): ScenarioSource {
  // A check that the mailbox is accepted follows the same mailbox without the route
  // (the control): a site may refuse the recipient for reasons of its own.
  const accepted = codes.length === 2 && codes[0] === 250;
  const first = line.startsWith('RCPT')
    ? [EHLO, MAIL, ...(accepted ? [RCPT_CONTROL] : [])]
    : [EHLO];
  return grammarCase(slug, title, level, requirements, [
    ...first,
    { kind: 'send', line, expect: { codes, because } },
  ]);
}

const NOT_SYNTAX = 'source route syntax MUST be accepted; a policy refusal is no syntax error';
const INVALID_ROUTE =
  'not an A-d-l of §4.1.2, so normally a syntax error; the grammar binds the client, so acceptance is a choice';

const group: SuiteGroup = {
  id: 'rfc5321/4.1.2/matrix',
  title: 'Path grammar, form by form',
  spec: 'RFC 5321',
  section: '4.1.2',
  scenarios: [
    ...EQUIVALENT.map(([slug, title, plain, quoted]) =>
      equivalentRecipient(slug, title, plain, quoted),
    ),
    ...VALID_LOCAL_PARTS.map(([slug, what, local]) =>
      validSender(slug, `A sender whose local part has ${what} is taken as valid syntax`, local),
    ),
    ...INVALID_PATHS.map(([slug, what, path]) =>
      invalidSender(slug, `A path with ${what}: a syntax error, or accepted by choice`, path),
    ),
    badLabelSender('plus-in-domain-label', '+'),
    badLabelSender('bang-in-domain-label', '!'),
    badLabelSender('equals-in-domain-label', '='),
    invalidCharacter(
      'underscore-in-recipient-domain',
      'A RCPT whose domain has an underscore in a label is refused',
      {
        kind: 'send',
        line: 'RCPT TO:<postmaster@bad_label.{{domain}}>',
        expect: {
          codes: ['4xx', '5xx'],
          because:
            'a command with invalid characters in a domain label MUST be rejected (501, or any refusal for another reason such as relaying)',
        },
      },
      LABEL_RULE,
    ),
    grammarCase(
      'underscore-in-ehlo-domain',
      'EHLO with an underscore in a domain label gets 501',
      'MUST',
      LABEL_RULE,
      [
        {
          kind: 'send',
          line: 'EHLO bad_label.{{helo}}',
          expect: { codes: [501, 500, 550], because: LABEL_BECAUSE },
        },
        NOOP_OK,
      ],
    ),
    controlInPath(
      'tab-in-local-part',
      'A TAB in a local part gets a syntax error, and the session goes on',
      'MAIL FROM:<smtpspec\tprobe@{{domain}}>\r\n',
      'MAIL FROM with a TAB (0x09) inside the local part',
    ),
    controlInPath(
      'tab-in-quoted-string',
      'A TAB inside a Quoted-string (not qtextSMTP) gets a syntax error, and the session goes on',
      'MAIL FROM:<"smtpspec\tprobe"@{{domain}}>\r\n',
      'MAIL FROM with a TAB (0x09) inside a quoted local part',
    ),
    controlInPath(
      'control-in-quoted-pair',
      'A backslash before 0x01 (no quoted-pairSMTP) gets a syntax error, and the session goes on',
      'MAIL FROM:<"smtpspec\\\x01probe"@{{domain}}>\r\n',
      'MAIL FROM with a backslash and 0x01 inside a quoted local part',
    ),
    controlInPath(
      'escape-in-local-part',
      'An ESC octet in a local part gets a syntax error, and the session goes on',
      'MAIL FROM:<smtpspec\x1bprobe@{{domain}}>\r\n',
      'MAIL FROM with an ESC (0x1B) inside the local part',
    ),
    controlInPath(
      'delete-in-domain',
      'A DEL octet in a domain gets a syntax error, and the session goes on',
      'MAIL FROM:<smtpspec-probe@bad\x7flabel.{{domain}}>\r\n',
      'MAIL FROM with a DEL (0x7F) inside a domain label',
    ),
    invalidEhlo('ehlo-empty-label', 'EHLO with an empty domain label', 'smtpspec..example'),
    invalidEhlo('ehlo-trailing-dot', 'EHLO with a trailing dot', '{{helo}}.'),
    invalidEhlo('ehlo-label-leading-hyphen', 'EHLO with a label starting with "-"', '-x.{{helo}}'),
    route(
      'multi-hop-source-route-in-reverse-path',
      'A reverse-path with a two-hop source route is recognised',
      'MUST',
      ROUTE,
      'MAIL FROM:<@a.{{foreignDomain}},@b.{{foreignDomain}}:{{from}}>',
      MAIL_NOT_SYNTAX,
      NOT_SYNTAX,
    ),
    route(
      'multi-hop-source-route-recognised',
      'A forward-path with a two-hop source route is parsed, not refused as a syntax error',
      'MUST',
      ROUTE_RCPT,
      'RCPT TO:<@{{domain}},@{{domain}}:{{rcpt}}>',
      RCPT_NOT_SYNTAX,
      NOT_SYNTAX,
    ),
    route(
      'multi-hop-source-route-stripped',
      'A two-hop source route through the local domain is ignored and the mailbox accepted',
      'SHOULD',
      ['R5321-3.3-e', 'R5321-4.1.1.3-c'],
      'RCPT TO:<@{{domain}},@{{domain}}:{{rcpt}}>',
      [250, 251],
      'receivers should strip the route and use the mailbox domain (§4.1.1.3)',
    ),
    route(
      'foreign-hop-source-route-recognised',
      'A source route through a foreign domain to a local mailbox is parsed (relaying may be declined)',
      'MUST',
      ROUTE_RCPT,
      'RCPT TO:<@{{foreignDomain}}:{{rcpt}}>',
      RCPT_NOT_SYNTAX,
      'source route syntax MUST be recognised; the route may be ignored or its relaying declined (§3.3)',
    ),
    ...[
      ['source-route-without-colon', 'a source route without ":"', '@{{foreignDomain}},{{from}}'],
      ['source-route-literal-hop', 'an address literal as a hop', '@[192.0.2.1]:{{from}}'],
      ['source-route-empty-hop', 'an empty hop', '@,@{{foreignDomain}}:{{from}}'],
      ['source-route-colon-separated', 'hops separated by ":"', '@a.example:@b.example:{{from}}'],
    ].map(([slug = '', what = '', path = '']) =>
      route(
        slug,
        `A reverse-path with ${what}: a syntax error, or accepted by choice`,
        'MAY',
        ['R5321-4.1.2-b', 'R5321-4.1.4-l'],
        `MAIL FROM:<${path}>`,
        SYNTAX_ERROR,
        INVALID_ROUTE,
      ),
    ),
  ],
};

export default group;
