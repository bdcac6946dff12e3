/**
 * RFC 2034 §4: with ENHANCEDSTATUSCODES advertised, every 2xx, 4xx and 5xx reply after EHLO
 * carries a status code class.subject.detail whose class is the reply's first digit. The
 * runner checks the code of each reply whose step sets `enhanced`; 'x.x.x' asks for any
 * well-formed code of the right class.
 */
import type {
  ReplyExpectation,
  ScenarioSource,
  Step,
  SuiteGroup,
} from '../../harness/scenario/types.ts';
import { EHLO, openTransaction, withRecipient } from '../_steps.ts';

const NEEDS = { ehlo: ['ENHANCEDSTATUSCODES'] };
const REQUIREMENTS = ['R2034-4-a', 'R2034-4-b', 'R2034-4-d'];
const ANY = 'x.x.x';

/** Any 2xx, 4xx or 5xx: the reply code itself is judged by the RFC 5321 suites, not here. */
const ANY_OUTCOME: ReplyExpectation = {
  codes: ['2xx', '4xx', '5xx'],
  because: 'any outcome; this case judges only the enhanced status code',
};

function coded(expect: ReplyExpectation = ANY_OUTCOME): ReplyExpectation {
  return { ...expect, enhanced: ANY };
}

function scenario(slug: string, title: string, steps: Step[]): ScenarioSource {
  return {
    id: `rfc2034/4/${slug}`,
    title,
    level: 'MUST',
    requirements: REQUIREMENTS,
    steps,
  };
}

const group: SuiteGroup = {
  id: 'rfc2034/4',
  title: 'Enhanced status codes on every reply',
  spec: 'RFC 2034',
  section: '4',
  preconditions: NEEDS,
  scenarios: [
    {
      // Observer: every 2xx/4xx/5xx of the run from a server that advertised the extension
      // (harness/judge/observers.ts), not only the replies the cases below ask about.
      id: 'rfc2034/4/every-reply-carries-a-code',
      title:
        'Every 2xx, 4xx and 5xx reply but the greeting and EHLO/HELO carries a matching enhanced code',
      level: 'MUST',
      requirements: ['R2034-4-a', 'R2034-4-b', 'R2034-4-c'],
      observe: 'enhanced-status-codes',
      steps: [
        { kind: 'ehlo', requires: ['ENHANCEDSTATUSCODES'] },
        { kind: 'send', line: 'NOOP' },
        { kind: 'send', line: 'RSET' },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>' },
      ],
    },
    {
      // Observer: the ENHANCEDSTATUSCODES line of every EHLO reply the run read.
      id: 'rfc2034/3/keyword-without-parameter',
      title: 'ENHANCEDSTATUSCODES is advertised without a parameter',
      section: '3',
      level: 'MUST',
      requirements: ['R2034-3-a'],
      observe: 'enhancedstatuscodes-no-parameter',
      steps: [{ kind: 'ehlo', requires: ['ENHANCEDSTATUSCODES'] }],
    },
    scenario('mail-reply', 'The reply to MAIL carries an enhanced status code', [
      EHLO,
      { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: coded() },
    ]),
    scenario('rcpt-reply', 'The reply to RCPT carries an enhanced status code', [
      ...openTransaction,
      { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: coded() },
    ]),
    scenario(
      'unknown-recipient-reply',
      'The reply to RCPT for an unknown mailbox carries an enhanced status code',
      [...openTransaction, { kind: 'send', line: 'RCPT TO:<{{unknownRcpt}}>', expect: coded() }],
    ),
    scenario(
      'end-of-data-reply',
      'DATA gets 354 (no code required for 3xx), the end of data reply carries one',
      [
        ...withRecipient,
        { kind: 'send', line: 'DATA', expect: coded({ codes: [354] }) },
        {
          kind: 'message',
          content: 'Subject: smtpspec enhanced codes\r\n\r\nBody.\r\n',
          expect: coded(),
        },
      ],
    ),
    scenario('rset-reply', 'The reply to RSET carries an enhanced status code', [
      EHLO,
      { kind: 'send', line: 'RSET', expect: coded() },
    ]),
    scenario('noop-reply', 'The reply to NOOP carries an enhanced status code', [
      EHLO,
      { kind: 'send', line: 'NOOP', expect: coded() },
    ]),
    scenario('vrfy-reply', 'The reply to VRFY carries an enhanced status code', [
      EHLO,
      { kind: 'send', line: 'VRFY {{rcpt}}', expect: coded() },
    ]),
    scenario('help-reply', 'The reply to HELP carries an enhanced status code', [
      EHLO,
      { kind: 'send', line: 'HELP', expect: coded() },
    ]),
    scenario('quit-reply', 'The 221 reply to QUIT carries an enhanced status code', [
      EHLO,
      { kind: 'send', line: 'QUIT', expect: coded() },
    ]),
    scenario(
      'unknown-command-reply',
      'The refusal of an unknown command carries a 5.x.x status code',
      [
        EHLO,
        {
          kind: 'send',
          line: 'XSMTPSPEC unknown verb',
          // Which 5yz the server picks is another case's business (rfc5321/4.2.4, a SHOULD):
          // this one judges the enhanced code on whatever refusal comes.
          expect: coded({
            codes: ['5xx'],
            because: 'an unknown verb is refused; 500 or 502 (RFC 5321 §4.2.4) is usual',
          }),
        },
      ],
    ),
    scenario(
      'bad-sequence-reply',
      'The 503 reply to RCPT before MAIL carries a 5.x.x status code',
      [
        EHLO,
        {
          kind: 'send',
          line: 'RCPT TO:<{{rcpt}}>',
          expect: coded({
            codes: [503],
            because: 'RCPT before MAIL is out of sequence (RFC 5321 §4.1.4)',
          }),
        },
      ],
    ),
    scenario(
      'syntax-error-reply',
      'The refusal of a MAIL with a broken path carries a 5.x.x status code',
      [
        EHLO,
        {
          kind: 'send',
          line: 'MAIL FROM:<smtpspec bad sender@{{domain}}',
          expect: coded({
            codes: ['5xx'],
            because: 'a path without its closing ">" is a syntax error',
          }),
        },
      ],
    ),
    scenario(
      'data-without-recipient-reply',
      'The refusal of DATA without recipients carries a 5.x.x status code',
      [
        ...openTransaction,
        {
          kind: 'send',
          line: 'DATA',
          expect: coded({
            codes: [503, 554],
            because: 'DATA before any RCPT gets 503 or 554 (RFC 5321 §3.3)',
          }),
        },
      ],
    ),
    scenario(
      'relay-refusal-reply',
      'The refusal of a recipient in a foreign domain (relaying) carries a status code',
      [...openTransaction, { kind: 'send', line: 'RCPT TO:<{{foreign}}>', expect: coded() }],
    ),
  ],
};

export default group;
