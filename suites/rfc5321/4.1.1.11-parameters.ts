/**
 * MAIL and RCPT parameters (RFC 5321 §4.1.1.11, the grammar of §4.1.2), generated from the
 * tables below. Each case first shows the command without the parameter is accepted (the
 * control), so a refusal is the parameter's doing.
 *
 * - A parameter the server does not know, or one sent after HELO (no extension offered):
 *   the client MUST NOT send it (§4.1.1.3) and the server "will return code 555"
 *   (§4.1.1.11), a sentence with no RFC 2119 keyword. A refusal (555, 501, 504) passes and
 *   acceptance is reported (MAY).
 * - Parameters outside the esmtp-param grammar: the grammar binds the client, so the same;
 *   a control octet in one is an invalid character code, which MUST get 501 (§4.1.2).
 * - Two valid parameters, in either order: a server offering both extensions MUST take them.
 */
import type {
  Level,
  Preconditions,
  ScenarioSource,
  Step,
  SuiteGroup,
} from '../../harness/scenario/types.ts';
import { EHLO, HELO, MAIL, MAIL_CONTROL, NOOP_OK, RCPT_CONTROL, RSET } from '../_steps.ts';
import { PARAMETER_REFUSED } from './_grammar.ts';

const INVALID_CHARACTER_IN_PARAMETER = [501, 500, 555];

const NOT_KNOWN = ['R5321-4.1.1.11-a'];
const REFUSED = {
  codes: PARAMETER_REFUSED,
  because:
    'a parameter the session did not negotiate "will" get 555 (§4.1.1.11); no sentence forbids taking it, so acceptance is reported',
};
const MALFORMED = {
  codes: PARAMETER_REFUSED,
  because:
    'not esmtp-param *(SP esmtp-param) (§4.1.2), which binds the client: normally refused, acceptance is a choice',
};

interface Row {
  slug: string;
  title: string;
  /** `MAIL` or `RCPT` with `params` after its path. */
  verb: 'MAIL' | 'RCPT';
  params: string;
  /** The session is opened with HELO, so no extension is in force. */
  helo?: boolean;
  needs?: string[];
  requirements: string[];
  malformed?: boolean;
}

const ROWS: Row[] = [
  {
    slug: 'unknown-x-parameter-on-mail',
    title: 'MAIL with an unknown X- parameter (X-SMTPSPEC=probe)',
    verb: 'MAIL',
    params: 'X-SMTPSPEC=probe',
    requirements: NOT_KNOWN,
  },
  {
    slug: 'unknown-x-keyword-without-value-on-mail',
    title: 'MAIL with an unknown X- keyword and no value',
    verb: 'MAIL',
    params: 'X-SMTPSPEC',
    requirements: NOT_KNOWN,
  },
  {
    slug: 'unknown-parameter-on-mail',
    title: 'MAIL with an unregistered parameter not starting with X',
    verb: 'MAIL',
    params: 'SMTPSPEC-PROBE=1',
    requirements: NOT_KNOWN,
  },
  {
    slug: 'unknown-parameter-after-known-one',
    title: 'MAIL with SIZE and an unknown parameter',
    verb: 'MAIL',
    params: 'SIZE=1000 X-SMTPSPEC=probe',
    needs: ['SIZE'],
    requirements: NOT_KNOWN,
  },
  {
    slug: 'unknown-x-parameter-on-rcpt',
    title: 'RCPT with an unknown X- parameter',
    verb: 'RCPT',
    params: 'X-SMTPSPEC=probe',
    requirements: [...NOT_KNOWN, 'R5321-4.1.1.3-f'],
  },
  {
    slug: 'size-parameter-after-helo',
    title: 'MAIL with SIZE=1000 in a session opened with HELO',
    verb: 'MAIL',
    params: 'SIZE=1000',
    helo: true,
    requirements: NOT_KNOWN,
  },
  {
    slug: 'body-parameter-after-helo',
    title: 'MAIL with BODY=8BITMIME in a session opened with HELO',
    verb: 'MAIL',
    params: 'BODY=8BITMIME',
    helo: true,
    requirements: NOT_KNOWN,
  },
  {
    slug: 'notify-parameter-after-helo',
    title: 'RCPT with NOTIFY=NEVER in a session opened with HELO',
    verb: 'RCPT',
    params: 'NOTIFY=NEVER',
    helo: true,
    requirements: [...NOT_KNOWN, 'R5321-4.1.1.3-f'],
  },
  {
    slug: 'parameters-after-two-spaces',
    title: 'MAIL with two spaces before SIZE=1000',
    verb: 'MAIL',
    params: ' SIZE=1000',
    needs: ['SIZE'],
    requirements: ['R5321-4.1.2-o'],
    malformed: true,
  },
  {
    slug: 'parameter-spaces-around-equals',
    title: 'MAIL with "SIZE = 1000" (spaces around "=")',
    verb: 'MAIL',
    params: 'SIZE = 1000',
    needs: ['SIZE'],
    requirements: ['R5321-4.1.2-p'],
    malformed: true,
  },
  {
    slug: 'parameter-without-keyword',
    title: 'MAIL with "=1000", a value without a keyword',
    verb: 'MAIL',
    params: '=1000',
    requirements: ['R5321-4.1.2-p'],
    malformed: true,
  },
  {
    slug: 'parameter-empty-value',
    title: 'MAIL with "SIZE=", an empty value',
    verb: 'MAIL',
    params: 'SIZE=',
    needs: ['SIZE'],
    requirements: ['R5321-4.1.2-q', 'R1870-3-b'],
    malformed: true,
  },
];

/** The plain command, accepted, then reset: the control of each case. */
function control(verb: 'MAIL' | 'RCPT'): Step[] {
  return verb === 'MAIL' ? [MAIL_CONTROL, RSET] : [MAIL, RCPT_CONTROL, RSET, MAIL];
}

function parameterCase(row: Row): ScenarioSource {
  const line =
    row.verb === 'MAIL' ? `MAIL FROM:<{{from}}> ${row.params}` : `RCPT TO:<{{rcpt}}> ${row.params}`;
  const preconditions: Preconditions | undefined = row.needs ? { ehlo: row.needs } : undefined;
  return {
    id: `rfc5321/${row.malformed ? '4.1.2' : '4.1.1.11'}/${row.slug}`,
    title: `${row.title}: refused, or accepted by choice`,
    section: row.malformed ? '4.1.2' : '4.1.1.11',
    level: 'MAY',
    requirements: row.requirements,
    ...(preconditions ? { preconditions } : {}),
    steps: [
      row.helo ? HELO : EHLO,
      ...control(row.verb),
      { kind: 'send', line, expect: row.malformed ? MALFORMED : REFUSED },
    ],
  };
}

function mustCase(
  slug: string,
  title: string,
  level: Level,
  requirements: string[],
  steps: Step[],
  needs?: string[],
): ScenarioSource {
  return {
    id: `rfc5321/4.1.2/${slug}`,
    title,
    section: '4.1.2',
    level,
    requirements,
    ...(needs ? { preconditions: { ehlo: needs } } : {}),
    steps,
  };
}

const TWO = ['R5321-4.1.2-o', 'R5321-4.1.2-p', 'R1870-7-a', 'R6152-2-b'];

function twoParameters(slug: string, order: string): ScenarioSource {
  return mustCase(
    slug,
    `MAIL with ${order}, one space apart, is accepted`,
    'MUST',
    TWO,
    [
      EHLO,
      MAIL_CONTROL,
      RSET,
      {
        kind: 'send',
        line: `MAIL FROM:<{{from}}> ${order}`,
        expect: {
          codes: [250],
          because:
            'Mail-parameters = esmtp-param *(SP esmtp-param), and the server offers both extensions',
        },
      },
    ],
    ['SIZE', '8BITMIME'],
  );
}

const group: SuiteGroup = {
  id: 'rfc5321/4.1.1.11',
  title: 'MAIL and RCPT parameters',
  spec: 'RFC 5321',
  section: '4.1.1.11',
  scenarios: [
    ...ROWS.map(parameterCase),
    twoParameters('size-and-body-parameters', 'SIZE=1000 BODY=8BITMIME'),
    twoParameters('body-and-size-parameters', 'BODY=8BITMIME SIZE=1000'),
    // A parameter the server knows (SIZE), so that the control octet is the only reason to
    // refuse it: an unknown one would be "another reason for rejection" (§4.1.2).
    mustCase(
      'control-character-in-parameter',
      'A control octet in a SIZE value gets a syntax error, and the session goes on',
      'MUST',
      ['R5321-4.1.2-n', 'R5321-4.2-a'],
      [
        EHLO,
        {
          kind: 'sendRaw',
          hostile: true,
          bytes: 'MAIL FROM:<{{from}}> SIZE=10\x0100\r\n',
          note: 'MAIL FROM with SIZE=10, 0x01, 00',
          expect: {
            codes: INVALID_CHARACTER_IN_PARAMETER,
            because:
              'a command with invalid character codes MUST be rejected with 501 (500 "invalid character", or 555 refusing the parameter, accepted too)',
          },
        },
        NOOP_OK,
      ],
      ['SIZE'],
    ),
  ],
};

export default group;
