/**
 * RFC 4954 §4: the AUTH command. Without credentials in the target profile the cases stick
 * to refusals: plaintext mechanisms outside TLS, cancelling, undecodable responses, wrong
 * credentials, unknown mechanisms, AUTH inside a transaction. Inside TLS each case first
 * checks that AUTH PLAIN is offered at all (a 334 challenge) and is skipped otherwise.
 */
import type {
  Level,
  ReplyExpectation,
  ScenarioSource,
  Step,
  SuiteGroup,
} from '../../harness/scenario/types.ts';
import { EHLO, MAIL, NOOP_OK } from '../_steps.ts';

/** "\0smtpspec-nobody\0smtpspec-wrong-password" in base64: credentials no server has. */
const WRONG_PLAIN = 'AHNtdHBzcGVjLW5vYm9keQBzbXRwc3BlYy13cm9uZy1wYXNzd29yZA==';

// AUTH is often offered only inside TLS, so the EHLO there is what must list it.
const intoTls: Step[] = [EHLO, { kind: 'startTls' }, { kind: 'ehlo', requires: ['AUTH'] }];
/** AUTH PLAIN with no initial response; skip the case unless the server challenges. */
const plainChallenge: Step = {
  kind: 'send',
  line: 'AUTH PLAIN',
  expect: { role: 'setup', codes: [334] },
};
const cancel: Step = { kind: 'send', line: '*', expect: { role: 'setup', codes: [501] } };

/** A step of an observer case that only makes a reply to observe: any reply will do. */
const ANY_REPLY: ReplyExpectation = {
  codes: ['2xx', '3xx', '4xx', '5xx'],
  because: 'any reply; the rule this case reports is judged by the observer',
};

/** A failed AUTH attempt: credentials no server has, refused. */
const failedAttempt: Step = {
  kind: 'send',
  line: `AUTH PLAIN ${WRONG_PLAIN}`,
  expect: { codes: ['5xx', '4xx'], because: 'credentials no server has are refused' },
};

/** Refusals of a plaintext mechanism outside TLS (RFC 4954 §4, §6; RFC 5321 §4.2.4). */
const NOT_IN_PLAINTEXT: ReplyExpectation = {
  codes: [538, 504, 503, 502, 500, 530],
  because:
    'outside TLS a plaintext password mechanism is refused (538, 504) or AUTH is not offered (500, 502, 503)',
};

function scenario(
  slug: string,
  title: string,
  level: Level,
  requirements: string[],
  steps: Step[],
  tls = true,
): ScenarioSource {
  return {
    id: `rfc4954/4/${slug}`,
    title,
    level,
    requirements,
    ...(tls ? { preconditions: { tls: true } } : {}),
    steps,
  };
}

const group: SuiteGroup = {
  id: 'rfc4954/4',
  title: 'The AUTH command',
  spec: 'RFC 4954',
  section: '4',
  scenarios: [
    {
      // Observer: every 334 the run read (harness/judge/observers.ts).
      id: 'rfc4954/4/challenges-are-base64',
      title: 'Every 334 challenge to AUTH is BASE64 and nothing else',
      level: 'MUST',
      requirements: ['R4954-4-d'],
      preconditions: { tls: true },
      observe: 'sasl-challenge-base64',
      steps: [...intoTls, plainChallenge, cancel],
    },
    {
      // Observer: every AUTH the run sent outside TLS for a mechanism the EHLO reply listed.
      id: 'rfc4954/6/advertised-mechanisms-permitted',
      title:
        'Outside TLS, the EHLO reply lists no mechanism that is then refused as needing encryption',
      section: '6',
      level: 'SHOULD',
      requirements: ['R4954-6-a'],
      observe: 'auth-mechanisms-permitted',
      steps: [
        EHLO,
        { kind: 'send', line: 'AUTH PLAIN', expect: ANY_REPLY },
        { kind: 'send', line: '*', expect: ANY_REPLY },
        { kind: 'send', line: 'AUTH LOGIN', expect: ANY_REPLY },
        { kind: 'send', line: '*', expect: ANY_REPLY },
      ],
    },
    {
      id: 'rfc4954/9/connection-kept-after-two-failures',
      title: 'Inside TLS, two failed AUTH attempts do not end the session',
      section: '9',
      level: 'SHOULD',
      requirements: ['R4954-9-a'],
      preconditions: { tls: true },
      steps: [...intoTls, plainChallenge, cancel, failedAttempt, failedAttempt, NOOP_OK],
    },
    scenario(
      'plain-refused-without-tls',
      'Outside TLS, AUTH PLAIN gets no challenge: it is refused or AUTH is not offered',
      'SHOULD',
      ['R4954-4-i'],
      [EHLO, { kind: 'send', line: 'AUTH PLAIN', expect: NOT_IN_PLAINTEXT }],
      false,
    ),
    scenario(
      'login-refused-without-tls',
      'Outside TLS, AUTH LOGIN gets no challenge: it is refused or AUTH is not offered',
      'SHOULD',
      ['R4954-4-i'],
      [EHLO, { kind: 'send', line: 'AUTH LOGIN', expect: NOT_IN_PLAINTEXT }],
      false,
    ),
    scenario(
      'cancel-with-star',
      'Inside TLS, "*" in answer to the AUTH PLAIN challenge cancels it with 501',
      'MUST',
      ['R4954-4-e'],
      [
        ...intoTls,
        plainChallenge,
        {
          kind: 'send',
          line: '*',
          expect: { codes: [501], because: '"*" cancels the exchange: 501 (RFC 4954 §4)' },
        },
        NOOP_OK,
      ],
    ),
    scenario(
      'undecodable-response',
      'Inside TLS, a response that is not base64 fails AUTH with 501 (5.5.2)',
      'MUST',
      ['R4954-4-f'],
      [
        ...intoTls,
        plainChallenge,
        {
          kind: 'send',
          line: '!!smtpspec-not-base64!!',
          expect: {
            codes: [501],
            enhanced: '5.5.2',
            because: 'an undecodable response gets 501 with 5.5.2 (RFC 4954 §4)',
          },
        },
      ],
    ),
    scenario(
      'undecodable-initial-response',
      'Inside TLS, AUTH PLAIN with an initial response that is not base64 gets 501',
      'MUST',
      ['R4954-4-f'],
      [
        ...intoTls,
        plainChallenge,
        cancel,
        {
          kind: 'send',
          line: 'AUTH PLAIN !!smtpspec-not-base64!!',
          expect: {
            codes: [501],
            enhanced: '5.5.2',
            because: 'an undecodable response gets 501 with 5.5.2 (RFC 4954 §4)',
          },
        },
      ],
    ),
    scenario(
      'wrong-credentials',
      'Inside TLS, AUTH PLAIN with credentials no server has is refused with 535',
      'SHOULD',
      ['R4954-4-g'],
      [
        ...intoTls,
        plainChallenge,
        {
          kind: 'send',
          line: WRONG_PLAIN,
          expect: {
            codes: [535],
            because:
              'failed authentication gets 535 unless a more specific code applies (RFC 4954 §4)',
          },
        },
      ],
    ),
    scenario(
      'unknown-mechanism',
      'Inside TLS, AUTH with a mechanism nobody implements is refused with 504',
      'SHOULD',
      ['R4954-4-c'],
      [
        ...intoTls,
        plainChallenge,
        cancel,
        {
          kind: 'send',
          line: 'AUTH X-SMTPSPEC-NOPE',
          expect: { codes: [504], because: 'an unsupported mechanism gets 504 (RFC 4954 §4)' },
        },
      ],
    ),
    scenario(
      'auth-inside-transaction',
      'Inside TLS, AUTH after MAIL is refused with 503',
      'MUST',
      ['R4954-4-b'],
      [
        ...intoTls,
        plainChallenge,
        cancel,
        MAIL,
        {
          kind: 'send',
          line: `AUTH PLAIN ${WRONG_PLAIN}`,
          expect: {
            codes: [503],
            because: 'AUTH during a mail transaction gets 503 (RFC 4954 §4)',
          },
        },
      ],
    ),
    {
      ...scenario(
        'second-auth-refused',
        'Inside TLS, after a successful AUTH a second AUTH is refused with 503',
        'MUST',
        ['R4954-4-a'],
        [
          ...intoTls,
          // The profile's own credentials: a server that refuses them cannot be judged here.
          {
            kind: 'send',
            line: 'AUTH PLAIN {{authPlain}}',
            expect: { role: 'setup', codes: [235] },
          },
          {
            kind: 'send',
            line: 'AUTH PLAIN {{authPlain}}',
            expect: {
              codes: [503],
              because: 'after a successful AUTH any further AUTH gets 503 (RFC 4954 §4)',
            },
          },
        ],
      ),
      preconditions: { tls: true, credentials: true },
    },
  ],
};

export default group;
