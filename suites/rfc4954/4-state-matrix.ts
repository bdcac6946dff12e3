/**
 * The AUTH row of the command × state matrix (../_state-matrix.ts). AUTH is sent only where
 * the EHLO reply listed it: the cases open TLS and require AUTH in the EHLO inside it (the
 * usual place; RFC 4954 §4 warns against plaintext passwords). Inside a transaction AUTH
 * MUST get 503 (§4), which leaves the transaction as it was (RFC 5321 §4.1.4).
 */
import type { Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { intoTls, type MatrixRow, matrixScenarios } from '../_state-matrix.ts';

const OPEN = intoTls(['AUTH']);
const NOT_OFFERED_YET = 'AUTH is offered in the EHLO reply; before EHLO a client has not seen it';

/** AUTH inside a transaction: §4 names the code itself. */
const AUTH_IN_TRANSACTION: Step = {
  kind: 'send',
  line: 'AUTH PLAIN',
  expect: {
    codes: [503],
    codesByRule: true,
    because:
      'an AUTH command issued during a mail transaction MUST be rejected with 503 (RFC 4954 §4)',
  },
};

/** The table: a cell per state. */
export const ROWS: readonly MatrixRow[] = [
  {
    verb: 'AUTH',
    prefix: 'rfc4954/4',
    spec: 'RFC 4954',
    section: '4',
    preconditions: { tls: true },
    cells: {
      early: { skip: NOT_OFFERED_YET },
      fresh: { skip: NOT_OFFERED_YET },
      ehlo: { covered: 'rfc4954/4/plain-refused-without-tls' },
      mail: { covered: 'rfc4954/4/auth-inside-transaction' },
      rcpt: {
        title:
          'Inside TLS, AUTH after an accepted RCPT gets 503 and the transaction stays: DATA gets 354',
        requirements: ['R4954-4-b', 'R5321-4.1.4-m'],
        open: OPEN,
        command: [AUTH_IN_TRANSACTION],
        probe: 'data354',
      },
      refused: {
        title: 'Inside TLS, AUTH after a refused RCPT gets 503 and the transaction stays open',
        requirements: ['R4954-4-b', 'R5321-4.1.4-m'],
        open: OPEN,
        command: [AUTH_IN_TRANSACTION],
        probe: 'rcptOpen',
      },
      done: {
        title:
          'Inside TLS, AUTH after DATA\'s end may start; cancelled with "*" it gets 501 and MAIL is in sequence',
        requirements: ['R4954-4-e', 'R5321-4.3.1-d'],
        open: OPEN,
        command: [
          // No transaction is open, so the server may challenge; a refusal is its choice.
          {
            kind: 'send',
            line: 'AUTH PLAIN',
            expect: {
              role: 'setup',
              codes: [334],
              because: 'no transaction is open any more, so the exchange may start',
            },
          },
          {
            kind: 'send',
            line: '*',
            expect: { codes: [501], because: '"*" cancels the exchange: 501 (RFC 4954 §4)' },
          },
        ],
        probe: 'mail',
      },
      tls: { covered: 'rfc4954/4/cancel-with-star' },
    },
  },
];

const group: SuiteGroup = {
  id: 'rfc4954/4/state-matrix',
  title: 'Command × state matrix: AUTH in each session state',
  spec: 'RFC 4954',
  section: '4',
  scenarios: ROWS.flatMap(matrixScenarios),
};

export default group;
