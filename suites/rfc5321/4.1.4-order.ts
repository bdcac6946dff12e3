import type {
  ReplyExpectation,
  ScenarioSource,
  Step,
  SuiteGroup,
} from '../../harness/scenario/types.ts';
import { EHLO, MAIL, MESSAGE_CONTROL, openTransaction, withRecipient } from '../_steps.ts';

const BAD_SEQUENCE: ReplyExpectation = {
  codes: [503],
  because: 'commands out of order get 503 (RFC 5321 §4.1.4)',
};
// RFC 5321 §3.3: with no MAIL or no RCPT, DATA may get 503 or 554 "no valid recipients".
const NO_RECIPIENTS: ReplyExpectation = {
  codes: [503, 554],
  because: 'DATA without MAIL or RCPT gets 503 or 554 (RFC 5321 §3.3, §4.1.4)',
};
/**
 * The probe of "the transaction is still open": a further RCPT is not out of sequence. It
 * may be accepted, or refused for its own reasons (a policy 550 shows an open transaction
 * as well as a 250 does); only 503 would mean the transaction is gone.
 */
const IN_SEQUENCE_RCPT = [250, 251, 450, 451, 452, 455, 550, 551, 552, 553, 555];
const STILL_OPEN: Step = {
  kind: 'send',
  line: 'RCPT TO:<{{rcpt2}}>',
  expect: {
    codes: IN_SEQUENCE_RCPT,
    because:
      'after a refused command the server must stay in the same state (RFC 5321 §4.1.4), so RCPT is in sequence: anything but 503',
  },
};
/** Before EHLO: any reply in the command's RFC 5321 §4.3.2 row is fine, 503 is not. */
function beforeEhlo(
  id: string,
  verb: string,
  line: string,
  requirements: string[],
): ScenarioSource {
  return {
    id,
    title: `${verb} before EHLO is processed normally, not refused with 503`,
    level: 'SHOULD',
    requirements,
    steps: [{ kind: 'send', line }],
  };
}

const group: SuiteGroup = {
  id: 'rfc5321/4.1.4',
  title: 'Order of commands',
  spec: 'RFC 5321',
  section: '4.1.4',
  scenarios: [
    {
      id: 'rfc5321/4.1.4/rcpt-before-mail',
      title: 'RCPT before MAIL is refused with 503',
      level: 'MUST',
      requirements: ['R5321-3.3-g', 'R5321-4.1.4-m'],
      steps: [
        EHLO,
        {
          kind: 'send',
          line: 'RCPT TO:<{{rcpt}}>',
          // §3.3 names the code itself: "the server MUST return a 503".
          expect: {
            codes: [503],
            codesByRule: true,
            because: 'RCPT without a previous MAIL MUST get 503 (RFC 5321 §3.3)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.4/data-before-mail',
      title: 'DATA with no transaction open is refused',
      level: 'MUST',
      requirements: ['R5321-4.1.4-m'],
      steps: [EHLO, { kind: 'send', line: 'DATA', expect: NO_RECIPIENTS }],
    },
    {
      id: 'rfc5321/4.1.4/data-before-rcpt',
      title: 'DATA after MAIL but before any RCPT is refused',
      level: 'MUST',
      requirements: ['R5321-4.1.4-m'],
      steps: [...openTransaction, { kind: 'send', line: 'DATA', expect: NO_RECIPIENTS }],
    },
    {
      id: 'rfc5321/4.1.4/premature-data-keeps-transaction',
      title: 'After a 503 to a premature DATA the transaction is still open',
      level: 'MUST',
      requirements: ['R5321-4.1.4-m'],
      steps: [
        ...openTransaction,
        // A 554 here ("no valid recipients") may end the transaction: only 503 is judged.
        {
          kind: 'send',
          line: 'DATA',
          expect: {
            role: 'setup',
            codes: [503],
            because: 'only a 503 leaves the transaction open to test; a 554 may end it (§3.3)',
          },
        },
        STILL_OPEN,
        // Prepares the message only: a recipient refused above leaves DATA nothing to send.
        { kind: 'send', line: 'DATA', expect: { role: 'setup', codes: [354] } },
        { kind: 'message', content: 'Subject: smtpspec premature DATA\r\n\r\nStill here.\r\n' },
      ],
    },
    {
      id: 'rfc5321/4.1.4/nested-mail',
      title: 'After a 503 to MAIL inside an open transaction, the transaction is kept',
      level: 'MUST',
      requirements: ['R5321-4.1.4-m'],
      steps: [
        ...openTransaction,
        // §4.1.4 asks for 503 only when commands "cannot be processed by the server"; a server
        // that processes a second MAIL (§4.1.1.2: MAIL clears the buffers) breaks no MUST, so
        // a 250 here ends the case `skip`. A 503 obliges it to keep the open transaction.
        {
          kind: 'send',
          line: 'MAIL FROM:<{{from}}>',
          expect: { ...BAD_SEQUENCE, role: 'control' },
        },
        STILL_OPEN,
      ],
    },
    {
      id: 'rfc5321/4.1.4/second-ehlo-ends-transaction',
      title: 'A second EHLO aborts the open transaction: RCPT afterwards is out of sequence',
      level: 'MUST',
      requirements: ['R5321-4.1.4-c', 'R5321-3.3-g'],
      steps: [
        ...withRecipient,
        EHLO,
        {
          kind: 'send',
          line: 'RCPT TO:<{{rcpt2}}>',
          expect: {
            codes: [503],
            because: 'an accepted EHLO resets the state exactly as RSET does (RFC 5321 §4.1.4)',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.4/second-ehlo-discards-recipients',
      title:
        'Recipients given before a second EHLO are discarded: DATA in the next transaction is refused',
      level: 'MUST',
      requirements: ['R5321-4.1.4-c'],
      steps: [
        ...withRecipient,
        EHLO,
        MAIL,
        {
          kind: 'send',
          line: 'DATA',
          expect: {
            codes: [503, 554],
            because:
              'an accepted EHLO clears all buffers (RFC 5321 §4.1.4), so there is no recipient',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.4/refused-ehlo-keeps-transaction',
      title: 'A refused EHLO (no domain) leaves the open transaction as it was',
      level: 'MUST',
      requirements: ['R5321-4.1.4-d', 'R5321-4.1.4-e'],
      steps: [
        ...withRecipient,
        {
          kind: 'send',
          line: 'EHLO',
          // §4.1.4 names the codes itself: "501, 500, 502, or 550 failure replies MUST be
          // returned as appropriate".
          expect: {
            codes: [501, 500, 502, 550],
            codesByRule: true,
            because: 'an EHLO that is not acceptable gets 501, 500, 502 or 550 (RFC 5321 §4.1.4)',
          },
        },
        {
          ...STILL_OPEN,
          expect: {
            codes: IN_SEQUENCE_RCPT,
            because:
              'after refusing EHLO the server stays in its previous state (RFC 5321 §4.1.4), so RCPT is in sequence: anything but 503',
          },
        },
      ],
    },
    {
      id: 'rfc5321/4.1.4/ehlo-literal-mismatch-not-refused',
      title: 'A message is not refused because the EHLO address literal is not the client address',
      level: 'MUST',
      requirements: ['R5321-4.1.4-h'],
      steps: [
        // The same message under a normal EHLO first: a refusal there is policy, not this rule.
        EHLO,
        ...MESSAGE_CONTROL,
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never the harness's address.
        { kind: 'ehlo', name: '[192.0.2.1]' },
        { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { codes: [250] } },
        { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { codes: [250, 251] } },
        { kind: 'send', line: 'DATA', expect: { codes: [354] } },
        {
          kind: 'message',
          content:
            'Subject: smtpspec EHLO literal mismatch\r\n\r\nSent after EHLO [192.0.2.1].\r\n',
          expect: {
            codes: [250],
            because:
              'a failed EHLO-to-address check must not be a reason to refuse the message (RFC 5321 §4.1.4)',
          },
        },
      ],
    },
    beforeEhlo('rfc5321/4.1.4/vrfy-before-ehlo', 'VRFY', 'VRFY {{rcpt}}', [
      'R5321-4.1.4-b',
      'R5321-4.1.4-i',
    ]),
    beforeEhlo('rfc5321/4.1.4/expn-before-ehlo', 'EXPN', 'EXPN {{rcpt}}', [
      'R5321-4.1.4-b',
      'R5321-4.1.4-i',
    ]),
    beforeEhlo('rfc5321/4.1.4/help-before-ehlo', 'HELP', 'HELP', ['R5321-4.1.4-i']),
    beforeEhlo('rfc5321/4.1.4/noop-before-ehlo', 'NOOP', 'NOOP', ['R5321-4.1.4-i']),
  ],
};

export default group;
