/**
 * RFC 2920 §3.2: a server that offers PIPELINING answers every command of a batch, in
 * order, whatever the outcome of the commands before it.
 */
import type {
  ReplyExpectation,
  ScenarioSource,
  Step,
  SuiteGroup,
} from '../../harness/scenario/types.ts';
import { EHLO } from '../_steps.ts';

const NEEDS = { ehlo: ['PIPELINING'] };

const OK: ReplyExpectation = { codes: [250] };
// MAIL, RCPT and DATA inside a batch prepare what the case judges (every reply, in order):
// a refusal is the server's policy and ends the case `skip` (README "Grading"). A missing
// or extra reply still fails, whatever the role: it is what RFC 2920 §3.2 forbids.
const MAIL_OK: ReplyExpectation = { role: 'setup', codes: [250] };
const RCPT_OK: ReplyExpectation = { role: 'setup', codes: [250, 251] };
const GO_AHEAD: ReplyExpectation = {
  role: 'setup',
  codes: [354],
  because: 'every recipient of the batch was accepted, so DATA gets 354 (RFC 5321 §4.1.1.4)',
};
const OUT_OF_SEQUENCE: ReplyExpectation = {
  codes: [503],
  because: 'the batch reset the transaction, so RCPT is out of sequence (RFC 5321 §4.1.4)',
};

function scenario(slug: string, title: string, steps: Step[]): ScenarioSource {
  return {
    id: `rfc2920/3.2/${slug}`,
    title,
    level: 'MUST',
    requirements: ['R2920-3.2-a'],
    steps,
  };
}

/** Ten RSET/MAIL/RCPT rounds and a closing NOOP: 31 commands in one write. */
const ROUNDS = 10;
const longBatch = Array.from({ length: ROUNDS }, () => [
  'RSET',
  'MAIL FROM:<{{from}}>',
  'RCPT TO:<{{rcpt}}>',
]).flat();

const group: SuiteGroup = {
  id: 'rfc2920/3.2',
  title: 'Pipelined batches: every reply, in order',
  spec: 'RFC 2920',
  section: '3.2',
  preconditions: NEEDS,
  scenarios: [
    scenario(
      'whole-transaction-one-write',
      'MAIL, two RCPTs and DATA in one write get four replies in order, then the message is accepted',
      [
        EHLO,
        {
          kind: 'pipeline',
          lines: ['MAIL FROM:<{{from}}>', 'RCPT TO:<{{rcpt}}>', 'RCPT TO:<{{rcpt2}}>', 'DATA'],
          expect: [MAIL_OK, RCPT_OK, RCPT_OK, GO_AHEAD],
        },
        {
          kind: 'message',
          content: 'Subject: smtpspec pipelined transaction\r\n\r\nOne write.\r\n',
        },
      ],
    ),
    scenario(
      'failed-rcpt-keeps-batch-in-step',
      'A refused RCPT inside a batch does not shift or swallow the replies after it',
      [
        EHLO,
        {
          kind: 'pipeline',
          lines: [
            'MAIL FROM:<{{from}}>',
            'RCPT TO:<{{unknownRcpt}}>',
            'RCPT TO:<{{rcpt}}>',
            'DATA',
          ],
          // The unknown recipient may be refused or (catch-all) accepted: any RCPT reply of
          // RFC 5321 §4.3.2 is fine; what matters is that the next replies line up.
          expect: [MAIL_OK, {}, RCPT_OK, GO_AHEAD],
        },
        {
          kind: 'message',
          content: 'Subject: smtpspec pipelined refusal\r\n\r\nStill in step.\r\n',
        },
      ],
    ),
    scenario(
      'failed-mail-keeps-batch-in-step',
      'After a refused MAIL in a batch, the RCPT and DATA behind it are answered as out of sequence',
      [
        EHLO,
        {
          kind: 'pipeline',
          lines: ['MAIL FROM:<smtpspec bad sender@{{domain}}>', 'RCPT TO:<{{rcpt}}>', 'DATA'],
          expect: [
            // A server that accepts the malformed path has no failed MAIL to test.
            { role: 'setup', codes: ['5xx'] },
            {
              codes: [503],
              because: 'no MAIL was accepted, so RCPT is out of sequence (RFC 5321 §4.1.4)',
            },
            {
              codes: [503, 554],
              because: 'no transaction is open, so DATA gets 503 or 554 (RFC 5321 §3.3)',
            },
          ],
        },
        { kind: 'send', line: 'NOOP', expect: OK },
      ],
    ),
    scenario(
      'reset-inside-batch',
      'RSET in the middle of a batch takes effect at its place: replies show the order was kept',
      [
        EHLO,
        {
          kind: 'pipeline',
          lines: [
            'MAIL FROM:<{{from}}>',
            'RCPT TO:<{{rcpt}}>',
            'RSET',
            'RCPT TO:<{{rcpt2}}>',
            'NOOP',
          ],
          expect: [MAIL_OK, RCPT_OK, OK, OUT_OF_SEQUENCE, OK],
        },
      ],
    ),
    scenario(
      'batch-without-sync-point',
      'A batch that ends without NOOP or DATA still gets all its replies',
      [
        EHLO,
        {
          kind: 'pipeline',
          lines: ['RSET', 'MAIL FROM:<{{from}}>', 'RCPT TO:<{{rcpt}}>'],
          expect: [OK, MAIL_OK, RCPT_OK],
        },
      ],
    ),
    scenario(
      'thirty-one-commands-one-write',
      `${ROUNDS * 3 + 1} commands in one write get ${ROUNDS * 3 + 1} replies in order`,
      [
        EHLO,
        {
          kind: 'pipeline',
          lines: [...longBatch, 'NOOP'],
          expect: [...Array.from({ length: ROUNDS }, () => [OK, MAIL_OK, RCPT_OK]).flat(), OK],
        },
      ],
    ),
    scenario(
      'ehlo-last-in-batch',
      'A multi-line EHLO reply at the end of a batch arrives whole after the replies before it',
      [
        EHLO,
        {
          kind: 'pipeline',
          lines: ['RSET', 'EHLO {{helo}}'],
          expect: [OK, { codes: [250] }],
        },
        { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: MAIL_OK },
      ],
    ),
  ],
};

export default group;
