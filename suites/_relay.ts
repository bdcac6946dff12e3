/**
 * Fragments of the relay-through cases: addresses in the relay domain that carry the
 * case's token (so the sink knows the case, and notifications come back to the sink), the
 * submission through the target, and the message they submit. Local-parts are mixed case
 * on purpose: RFC 5321 §2.4 obliges every hop to keep their case.
 */
import type { Step } from '../harness/scenario/types.ts';
import { EHLO } from './_steps.ts';

/** The reverse-path: in the relay domain, so notifications come back to the sink. */
export const RELAY_FROM = 'Sender-{{relayToken}}@{{relayDomain}}';
/** The recipient the target relays to the sink. */
export const RELAY_RCPT = 'Rcpt-{{relayToken}}@{{relayDomain}}';

/** Header fields of a message that has travelled two hops already (two Received: fields). */
export function relayHeader(subject: string, from = RELAY_FROM, to = RELAY_RCPT): string {
  return (
    'Received: from mua.smtpspec.test (mua.smtpspec.test [192.0.2.10])\r\n' +
    '\tby submit.smtpspec.test with ESMTPSA id A1B2C3; Tue, 01 Dec 2026 09:59:58 +0000\r\n' +
    'Received: from submit.smtpspec.test (submit.smtpspec.test [192.0.2.11])\r\n' +
    '\tby client.smtpspec.test with ESMTPS id D4E5F6; Tue, 01 Dec 2026 09:59:59 +0000\r\n' +
    'Date: Tue, 01 Dec 2026 09:59:57 +0000\r\n' +
    `From: <${from}>\r\n` +
    `To: <${to}>\r\n` +
    `Subject: smtpspec relay-through: ${subject}\r\n` +
    'Message-ID: <{{relayToken}}@client.smtpspec.test>\r\n' +
    'MIME-Version: 1.0\r\n' +
    'Content-Type: text/plain; charset=us-ascii\r\n'
  );
}

/** A plain 7-bit message with two earlier Received: fields. */
export const RELAY_MESSAGE =
  relayHeader('plain') +
  '\r\n' +
  'This message was submitted by smtpspec to be relayed to its sink.\r\n' +
  'Its content must arrive exactly as sent, with only a Received: field added on top.\r\n';

/** The submission: EHLO, MAIL, RCPT, DATA as set-up, then the message (set-up: 250). */
export function submit(
  content: string,
  options: { from?: string; rcpt?: string; mailParams?: string; ehlo?: boolean } = {},
): Step[] {
  const from = options.from ?? RELAY_FROM;
  const params = options.mailParams === undefined ? '' : ` ${options.mailParams}`;
  return [
    ...(options.ehlo === false ? [] : [EHLO]),
    { kind: 'send', line: `MAIL FROM:<${from}>${params}`, expect: { role: 'setup' } },
    { kind: 'send', line: `RCPT TO:<${options.rcpt ?? RELAY_RCPT}>`, expect: { role: 'setup' } },
    { kind: 'send', line: 'DATA', expect: { codes: [354], role: 'setup' } },
    { kind: 'message', content, expect: { codes: [250], role: 'setup' } },
  ];
}
