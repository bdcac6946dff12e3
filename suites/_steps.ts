/**
 * Step fragments shared by the suites: the set-up a case builds on before the steps it
 * judges, written once. A set-up step judges nothing: a refusal ends the case `skip`, with
 * the reply as the reason (types.ts `role: 'setup'`). A case whose set-up differs from
 * these (other codes, a parameter on MAIL, a check instead of a set-up) writes its own
 * steps, so the difference stays visible. Files starting with `_` are not suite files
 * (harness/scenario/discover.ts skips them).
 */
import type { Step } from '../harness/scenario/types.ts';

/** Shared objects: frozen, so that no case can change the steps of another. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/** EHLO {{helo}}: opens the session (RFC 5321 §4.1.1.1); set-up unless a case says otherwise. */
export const EHLO: Step = frozen({ kind: 'ehlo' });

/** HELO {{helo}}: opens the session the RFC 821 way (RFC 5321 §4.1.1.1, Appendix F.3). */
export const HELO: Step = frozen({
  kind: 'send',
  line: 'HELO {{helo}}',
  expect: { role: 'setup' },
});

/** MAIL FROM:<{{from}}>: starts a mail transaction (RFC 5321 §3.3, §4.1.1.2). */
export const MAIL: Step = frozen({
  kind: 'send',
  line: 'MAIL FROM:<{{from}}>',
  expect: { role: 'setup' },
});

/** RCPT TO:<{{rcpt}}>: the profile's deliverable recipient (RFC 5321 §4.1.1.3). */
export const RCPT: Step = frozen({
  kind: 'send',
  line: 'RCPT TO:<{{rcpt}}>',
  expect: { role: 'setup' },
});

/** DATA answered 354: what follows is mail data (RFC 5321 §4.1.1.4). */
export const DATA: Step = frozen({
  kind: 'send',
  line: 'DATA',
  expect: { codes: [354], role: 'setup' },
});

/** RSET: the transaction, if any, is aborted (RFC 5321 §4.1.1.5). */
export const RSET: Step = frozen({ kind: 'send', line: 'RSET', expect: { role: 'setup' } });

/**
 * NOOP answered 250, judged: the session survived what came before and server and client
 * still agree on where they are (RFC 5321 §4.1.1.9). The usual last step of a case that
 * sends something hostile or odd.
 */
export const NOOP_OK: Step = frozen({ kind: 'send', line: 'NOOP', expect: { codes: [250] } });

/**
 * Controls: the plain form of a command a case then sends with the element it is about (a
 * parameter, a length). When the server refuses even the plain form, the case cannot blame
 * that element and ends `skip` (types.ts `role: 'control'`; README "Grading").
 */
export const MAIL_CONTROL: Step = frozen({
  kind: 'send',
  line: 'MAIL FROM:<{{from}}>',
  expect: { role: 'control', codes: [250] },
});

/** RCPT TO:<{{rcpt}}> accepted: the control of a case about something else on RCPT. */
export const RCPT_CONTROL: Step = frozen({
  kind: 'send',
  line: 'RCPT TO:<{{rcpt}}>',
  expect: { role: 'control', codes: [250, 251] },
});

/** DATA answered 354, as a control (see MAIL_CONTROL). */
const DATA_CONTROL: Step = frozen({
  kind: 'send',
  line: 'DATA',
  expect: { role: 'control', codes: [354] },
});

/**
 * A plain message through the profile's envelope, as a control: MAIL, RCPT, DATA and a
 * short ASCII message, each accepted. A case that blames something about a message (its
 * size, its lines, 8-bit octets, its header, how it was framed or sent) first shows that
 * the server takes a plain one from this client at all; a site whose filter refuses every
 * message makes the case skip, not fail. Leaves the session ready for a new transaction.
 */
export const MESSAGE_CONTROL: readonly Step[] = frozen([
  MAIL_CONTROL,
  RCPT_CONTROL,
  DATA_CONTROL,
  {
    kind: 'message',
    content:
      'Subject: smtpspec control\r\n\r\nA plain message, before the one this case is about.\r\n',
    expect: { role: 'control', codes: [250] },
  },
]);

/** EHLO, MAIL: a transaction is open, with no recipient yet. */
export const openTransaction: readonly Step[] = frozen([EHLO, MAIL]);

/** EHLO, MAIL, RCPT: a transaction with one recipient, ready for DATA (or BDAT). */
export const withRecipient: readonly Step[] = frozen([EHLO, MAIL, RCPT]);

/** EHLO, MAIL, RCPT, DATA: the server waits for mail data. */
export const reachData: readonly Step[] = frozen([EHLO, MAIL, RCPT, DATA]);
