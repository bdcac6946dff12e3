/**
 * The client obligations a client case (`smtpspec serve-cases`) judges beyond those a
 * relaying MTA shares with any client (relay-conduct.ts): getting a message through odd
 * but legal replies, waiting for the greeting, QUIT after a refusal, dot-stuffing seen
 * from the server, and a reply injected before the TLS handshake.
 */
import type { ReceivedCommand, SessionRecord } from '../server/types.ts';
import { visibleBytes } from '../wire/visible.ts';
import { commandsOf } from './relay-conduct.ts';
import type { RelayProblem } from './relay-content.ts';

type Problem = Omit<RelayProblem, 'check'> & { check: string };

function label(c: ReceivedCommand): string {
  return visibleBytes(c.line.subarray(0, 60));
}

/**
 * A message got through: the server's replies, odd as they may be, are legal and the client
 * must act on them (RFC 5321 §4.2: any text, no text included, MUST be acceptable; a code
 * not in the RFC MUST be handled by its first digit).
 */
export function judgeCompletes(records: readonly SessionRecord[]): Problem[] {
  const delivered = records.some((r) =>
    r.entries.some((e) => e.kind === 'data' && e.data.replyCode === 250),
  );
  if (delivered) return [];
  const last = records.flatMap(commandsOf).at(-1);
  const where =
    last === undefined
      ? 'before any command'
      : `after "${label(last)}" (answered ${last.replyCode ?? 'nothing'})`;
  return [
    {
      check: 'completes',
      rule: 'MUST',
      message: `no message got through: the client stopped ${where} (RFC 5321 §4.2: the replies are legal and MUST be acceptable; codes are read by their first digit)`,
    },
  ];
}

/** Nothing before the greeting (RFC 5321 §4.3.1: the sender SHOULD wait for it). */
export function judgeGreetingWait(records: readonly SessionRecord[]): Problem[] {
  for (const record of records) {
    const first = commandsOf(record)[0];
    if (first?.pipelined === true) {
      return [
        {
          check: 'greeting-wait',
          rule: 'SHOULD',
          message: `"${label(first)}" came before the greeting (RFC 5321 §4.3.1: the sender SHOULD wait for the greeting before sending any commands)`,
        },
      ];
    }
  }
  return [];
}

/**
 * After a 554 greeting: no transaction, and QUIT (RFC 5321 §3.1: the server then waits for
 * QUIT; §4.1.4: the client SHOULD use QUIT even when no session opening was accepted).
 */
export function judgeQuitAfterRefusal(records: readonly SessionRecord[]): Problem[] {
  const problems: Problem[] = [];
  for (const record of records) {
    if (record.greetingCode === undefined || record.greetingCode < 500) continue;
    const commands = commandsOf(record);
    const mail = commands.find((c) => c.command?.verb === 'MAIL');
    if (mail !== undefined) {
      problems.push({
        check: 'quit-after-refusal',
        rule: 'MUST',
        message: `after the ${record.greetingCode} greeting the client still sent "${label(mail)}" (RFC 5321 §4.1.1.1: no mail transaction without an accepted EHLO or HELO)`,
      });
    }
    if (!commands.some((c) => c.command?.verb === 'QUIT')) {
      problems.push({
        check: 'quit-after-refusal',
        rule: 'SHOULD',
        message: `after the ${record.greetingCode} greeting the client closed without QUIT (RFC 5321 §4.1.4: QUIT SHOULD be used even when no session opening command was accepted)`,
      });
    }
  }
  return problems;
}

/**
 * Dot-stuffing seen from the server (RFC 5321 §4.5.2): a line "." of a message that was not
 * stuffed ends the data early, and the rest of the message arrives as command lines that
 * are no commands. A message with lines starting with "." after unstuffing shows the
 * client stuffed them; a message with none does not exercise the rule (`info`).
 */
export function judgeDotStuffing(records: readonly SessionRecord[]): Problem[] {
  let exercised = false;
  for (const record of records) {
    let afterData = false;
    for (const entry of record.entries) {
      if (entry.kind === 'data') {
        afterData = true;
        if (/(^|\r\n)\./.test(entry.data.content.toString('latin1'))) exercised = true;
        continue;
      }
      if (entry.kind !== 'command') continue;
      const c = entry.command;
      const text = c.command === undefined || c.command.verb === 'UNKNOWN';
      if (afterData && text) {
        return [
          {
            check: 'dot-stuffing',
            rule: 'MUST',
            message: `after the end of the data came "${label(c)}", which is no command: a line "." of the message was not dot-stuffed and ended the data early (RFC 5321 §4.5.2: the client MUST insert an additional period)`,
          },
        ];
      }
      afterData = false;
    }
  }
  if (exercised) return [];
  return [
    {
      check: 'dot-stuffing',
      rule: 'MAY',
      message:
        'no line of the message started with ".", so dot-stuffing was not exercised (send one, e.g. a line ".", to judge it)',
    },
  ];
}

/**
 * A reply injected before the TLS handshake is not taken (RFC 3207 §4.2: the client MUST
 * discard knowledge not obtained from the TLS negotiation): a client that took the
 * injected reply as the answer to its first command inside TLS sends the next command
 * before the real answer came. Inside TLS the client SHOULD begin with EHLO.
 */
export function judgeTlsInjection(records: readonly SessionRecord[]): Problem[] {
  const problems: Problem[] = [];
  let sawTls = false;
  for (const record of records) {
    const tlsAt = record.entries.findIndex((e) => e.kind === 'tls');
    if (tlsAt === -1) continue;
    sawTls = true;
    const inside = record.entries
      .slice(tlsAt + 1)
      .flatMap((e) => (e.kind === 'command' ? [e.command] : []));
    const first = inside[0];
    if (first !== undefined && first.command?.verb !== 'EHLO') {
      problems.push({
        check: 'tls-injection',
        rule: 'SHOULD',
        message: `the first command inside TLS was "${label(first)}", not EHLO (RFC 3207 §4.2: the client SHOULD send EHLO first)`,
      });
    }
    const early = inside.find((c, i) => i > 0 && c.pipelined);
    if (early !== undefined && !(record.offered?.has('PIPELINING') ?? false)) {
      problems.push({
        check: 'tls-injection',
        rule: 'MUST',
        message: `inside TLS "${label(early)}" came before the reply to the command before it: the client took the reply injected before the handshake (RFC 3207 §4.2: the client MUST discard what it had not from the TLS negotiation)`,
      });
    }
  }
  if (sawTls) return problems;
  return [
    {
      check: 'tls-injection',
      rule: 'MAY',
      message:
        "the client did not start TLS, so the injected reply could not be taken (RFC 3207: STARTTLS is the client's choice)",
    },
  ];
}
