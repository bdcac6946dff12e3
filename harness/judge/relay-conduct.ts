/**
 * Judging a peer's conduct as an SMTP client from what the harness, acting as the server,
 * recorded of its sessions: the target relaying to the sink, or a client under test
 * (`serve-cases`). Each finding names the check it belongs to and the level of its rule.
 */
import type { ReceivedCommand, SessionRecord } from '../server/types.ts';
import { visibleBytes } from '../wire/visible.ts';
import type { RelayProblem } from './relay-content.ts';

/** The command lines of a session, in order. */
export function commandsOf(record: SessionRecord): ReceivedCommand[] {
  return record.entries.flatMap((e) => (e.kind === 'command' ? [e.command] : []));
}

function label(c: ReceivedCommand): string {
  const text = visibleBytes(c.line.subarray(0, 60));
  return c.line.length > 60 ? `${text}...` : text;
}

/**
 * EHLO first (RFC 5321 §4.1.1.1: a client SHOULD start with EHLO), HELO after a 500 or 502
 * to it (§3.2: the client SHOULD be able to fall back), and one of them accepted before
 * MAIL (§4.1.1.1: a client MUST issue HELO or EHLO before starting a mail transaction).
 */
export function judgeHello(record: SessionRecord): RelayProblem[] {
  const problems: RelayProblem[] = [];
  const commands = commandsOf(record);
  const first = commands[0];
  if (first?.command?.verb === 'HELO') {
    problems.push({
      check: 'hello',
      rule: 'SHOULD',
      message: `the session opened with "${label(first)}", not EHLO (RFC 5321 §4.1.1.1: a client SHOULD start with EHLO)`,
    });
  }
  let greeted = false;
  commands.forEach((c, i) => {
    const verb = c.command?.verb;
    if ((verb === 'EHLO' || verb === 'HELO') && c.replyCode === 250) greeted = true;
    if (verb === 'EHLO' && (c.replyCode === 500 || c.replyCode === 502)) {
      const next = commands[i + 1];
      if (next?.command?.verb !== 'HELO') {
        const what = next === undefined ? 'nothing' : `"${label(next)}"`;
        problems.push({
          check: 'hello',
          rule: 'SHOULD',
          message: `after ${c.replyCode} to EHLO the client sent ${what}, not HELO (RFC 5321 §3.2: a client SHOULD fall back to HELO when EHLO is not recognized)`,
        });
      }
    }
    if (verb === 'MAIL' && !greeted) {
      problems.push({
        check: 'hello',
        rule: 'MUST',
        message: `"${label(c)}" came before any accepted EHLO or HELO (RFC 5321 §4.1.1.1: a client MUST issue HELO or EHLO before a mail transaction)`,
      });
    }
  });
  return problems;
}

/**
 * Without PIPELINING the client waits for each reply before the next command (RFC 5321
 * §4.3.1: "the sender MUST wait for this response before sending further commands"), and
 * for the greeting before the first (§4.3.1: SHOULD).
 */
export function judgeLockStep(record: SessionRecord): RelayProblem[] {
  const offered = record.offered?.has('PIPELINING') ?? false;
  const problems: RelayProblem[] = [];
  for (const c of commandsOf(record)) {
    if (!c.pipelined) continue;
    if (c.index === 0) {
      problems.push({
        check: 'lock-step',
        rule: 'SHOULD',
        message: `"${label(c)}" was sent before the greeting (RFC 5321 §4.3.1: the sender SHOULD wait for the greeting)`,
      });
    } else if (!offered) {
      problems.push({
        check: 'lock-step',
        rule: 'MUST',
        message: `"${label(c)}" was sent before the reply to the previous command, and PIPELINING was not offered (RFC 5321 §4.3.1: the sender MUST wait for each response)`,
      });
      break;
    }
  }
  return problems;
}

/** The EHLO keyword that allows a MAIL or RCPT parameter (RFC 5321 §4.1.1.11 and the extension RFCs). */
function extensionOf(param: string, value: string | undefined): string {
  const keyword = param.toUpperCase();
  if (keyword === 'BODY') return value?.toUpperCase() === 'BINARYMIME' ? 'BINARYMIME' : '8BITMIME';
  if (['RET', 'ENVID', 'NOTIFY', 'ORCPT'].includes(keyword)) return 'DSN';
  return keyword;
}

/**
 * No parameter of an extension the server did not offer (RFC 5321 §4.1.1.3: "The client
 * MUST NOT transmit parameters other than those associated with a service extension
 * offered by the server in its EHLO response"; §4.1.1: none at all after HELO).
 */
export function judgeParameters(record: SessionRecord): RelayProblem[] {
  const offered = record.offered ?? new Set<string>();
  const problems: RelayProblem[] = [];
  for (const c of commandsOf(record)) {
    const command = c.command;
    if (command?.verb !== 'MAIL' && command?.verb !== 'RCPT') continue;
    for (const p of command.params) {
      const needs = extensionOf(p.keyword, p.value);
      if (offered.has(needs)) continue;
      problems.push({
        check: 'parameters',
        rule: 'MUST',
        message: `"${label(c)}" carries ${p.keyword.toUpperCase()}= but ${needs} was not offered (RFC 5321 §4.1.1.3: the client MUST NOT transmit parameters of extensions the server did not offer)`,
      });
    }
  }
  return problems;
}

/**
 * Message data only after a 354 (RFC 5321 §3.3: "message data MUST NOT be sent unless a
 * 354 reply is received"); DATA after every RCPT was refused is reported, not blamed: §3.3
 * lets the server answer it with 503 or 554.
 */
export function judgeDataAfterRcpt(record: SessionRecord): RelayProblem[] {
  const problems: RelayProblem[] = [];
  let accepted = 0;
  let refusedData = false;
  for (const entry of record.entries) {
    if (entry.kind === 'data' && entry.data.beforeGo) {
      problems.push({
        check: 'data-after-rcpt',
        rule: 'MUST',
        message:
          'message data arrived before the 354 reply to DATA (RFC 5321 §3.3: message data MUST NOT be sent unless a 354 reply is received)',
      });
    }
    if (entry.kind !== 'command') continue;
    const c = entry.command;
    const verb = c.command?.verb;
    if (verb === 'MAIL' || verb === 'RSET' || verb === 'EHLO' || verb === 'HELO') accepted = 0;
    if (verb === 'RCPT' && (c.replyCode === 250 || c.replyCode === 251)) accepted++;
    if (refusedData && (c.command === undefined || verb === 'UNKNOWN')) {
      problems.push({
        check: 'data-after-rcpt',
        rule: 'MUST',
        message: `after DATA was refused came "${label(c)}", which is no command: message data sent without a 354 (RFC 5321 §3.3: message data MUST NOT be sent unless a 354 reply is received)`,
      });
    }
    refusedData = verb === 'DATA' && c.replyCode !== undefined && c.replyCode !== 354;
    if (verb === 'DATA' && accepted === 0 && !c.pipelined) {
      problems.push({
        check: 'data-after-rcpt',
        rule: 'MAY',
        message:
          'DATA was sent though no RCPT had been accepted (RFC 5321 §3.3 lets the server answer 503 or 554; no client rule forbids it)',
      });
    }
  }
  return problems;
}

/**
 * Only CRLF line ends (RFC 5321 §2.3.8: clients MUST NOT transmit CR or LF except as a
 * CRLF line terminator), in commands and in mail data, so no `<LF>.<LF>` look-alike is
 * passed on as a line end (the outbound half of SMTP smuggling).
 */
export function judgeLineEnds(record: SessionRecord): RelayProblem[] {
  const problems: RelayProblem[] = [];
  for (const entry of record.entries) {
    if (entry.kind === 'command') {
      const c = entry.command;
      const bare = c.issues.find((i) => i.kind === 'bare-cr' || i.kind === 'bare-lf');
      if (c.end === 'LF' || bare !== undefined) {
        problems.push({
          check: 'line-ends',
          rule: 'MUST',
          message: `the command line "${label(c)}" ${c.end === 'LF' ? 'ended in a bare LF' : `has a ${bare?.kind}`} (RFC 5321 §2.3.8: only CRLF ends a line)`,
        });
      }
    } else if (entry.kind === 'data') {
      const lookAlike = entry.data.events.find((e) => e.kind === 'end-of-data-look-alike');
      const bare = entry.data.events.find((e) => e.kind === 'bare-lf' || e.kind === 'bare-cr');
      if (lookAlike?.kind === 'end-of-data-look-alike') {
        problems.push({
          check: 'line-ends',
          rule: 'MUST',
          message: `the mail data passed on holds the end-of-data look-alike "${visibleBytes(Buffer.from(lookAlike.pattern, 'latin1'))}" (RFC 5321 §2.3.8: bare CR and LF MUST NOT be transmitted; a server behind may end the data there: SMTP smuggling)`,
        });
      } else if (bare !== undefined) {
        problems.push({
          check: 'line-ends',
          rule: 'MUST',
          message: `the mail data passed on holds a ${bare.kind} at octet ${bare.offset} (RFC 5321 §2.3.8: clients MUST NOT transmit CR or LF except as CRLF)`,
        });
      }
    }
  }
  return problems;
}

/**
 * The session ends with QUIT (RFC 5321 §4.1.1.10: "The sender MUST NOT intentionally close
 * the transmission channel until it sends a QUIT command"). A session still open, or ended
 * by the server's own timeout or a refusal, is not judged.
 */
export function judgeQuit(record: SessionRecord): RelayProblem[] {
  const end = record.end;
  if (end === undefined || (end.by !== 'client' && end.by !== 'reset')) return [];
  const commands = commandsOf(record);
  const last = commands.at(-1);
  if (last?.command?.verb === 'QUIT') return [];
  // A server that greeted with 421 closed the session itself (RFC 5321 §3.8).
  if (record.greetingCode === 421) return [];
  const after = last === undefined ? 'the greeting' : `"${label(last)}"`;
  return [
    {
      check: 'quit',
      rule: 'MUST',
      message: `the client ${end.by === 'reset' ? 'reset' : 'closed'} the connection after ${after} without QUIT (RFC 5321 §4.1.1.10: the sender MUST NOT close the channel until it sends QUIT)`,
    },
  ];
}
