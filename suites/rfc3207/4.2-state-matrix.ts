/**
 * The STARTTLS row of the command × state matrix (../_state-matrix.ts): after the handshake
 * the session is back in its initial state (RFC 3207 §4.2), so whatever transaction was open
 * before it is gone. A server may refuse STARTTLS inside a transaction: then there is
 * nothing to test and the case skips.
 */
import type { Step, SuiteGroup } from '../../harness/scenario/types.ts';
import { type MatrixRow, matrixScenarios } from '../_state-matrix.ts';

/** STARTTLS the case builds on; a refusal (454, 503) makes it skip. */
const HANDSHAKE: Step = { kind: 'startTls', expect: { role: 'setup', codes: [220] } };
/** EHLO inside TLS, judged: the session must take it after the reset. */
const EHLO_INSIDE: Step = { kind: 'ehlo', expect: { role: 'check', codes: [250] } };
const RESET = ['R3207-4.2-a', 'R3207-4.2-b'];
/** STARTTLS is offered in the EHLO reply: before it the client has not seen it. */
const NOT_OFFERED_YET =
  'STARTTLS is offered in the EHLO reply; before EHLO a client has not seen it';

/** The table: a cell per state. */
export const ROWS: readonly MatrixRow[] = [
  {
    verb: 'STARTTLS',
    prefix: 'rfc3207/4.2',
    spec: 'RFC 3207',
    section: '4.2',
    preconditions: { tls: true },
    cells: {
      early: { skip: NOT_OFFERED_YET },
      fresh: { skip: NOT_OFFERED_YET },
      ehlo: { covered: 'rfc3207/4/handshake-and-ehlo' },
      mail: { covered: 'rfc3207/4.2/transaction-before-tls-discarded' },
      rcpt: {
        title: 'STARTTLS after an accepted RCPT resets the session: DATA inside TLS is refused',
        requirements: RESET,
        command: [HANDSHAKE, EHLO_INSIDE],
        probe: 'dataRefused',
      },
      refused: {
        title: 'STARTTLS after a refused RCPT resets the session: RCPT inside TLS gets 503',
        requirements: RESET,
        command: [HANDSHAKE, EHLO_INSIDE],
        probe: 'rcpt503',
      },
      done: {
        title: "STARTTLS after DATA's end starts over: EHLO and MAIL inside TLS are taken",
        requirements: ['R3207-4.2-a'],
        command: [HANDSHAKE, EHLO_INSIDE],
        probe: 'mail',
      },
      tls: { covered: 'rfc3207/4.2/second-starttls-refused' },
    },
  },
];

const group: SuiteGroup = {
  id: 'rfc3207/4.2/state-matrix',
  title: 'Command × state matrix: STARTTLS in each session state',
  spec: 'RFC 3207',
  section: '4.2',
  scenarios: ROWS.flatMap(matrixScenarios),
};

export default group;
