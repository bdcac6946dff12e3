/**
 * Exchanges of more than one line that the session driver runs for the fuzz commands:
 * BDAT chunks (RFC 3030), an AUTH exchange (RFC 4954) and a run of RCPT lines. Each records
 * its scenario steps, notes its lines and its trigger, and judges every reply.
 */

import type { AuthPlan, AuthResponse } from './arbitraries/auth.ts';
import type { BdatChunk } from './arbitraries/bdat.ts';
import type { CommandLine } from './arbitraries/command-line.ts';
import type { SessionDriver } from './driver.ts';
import { expectedReply, type ModelInput, type SmtpModel } from './model.ts';
import { ANY_REPLY, expectationOf, lineStep, rawStep } from './recorded-steps.ts';
import { countBucket, lineShape, transportShape } from './signature.ts';
import { cutBytes, type Transport, WHOLE } from './transport.ts';

const CRLF = '\r\n';

/** A function, not an inline test: the model changes inside awaited calls. */
function isClosed(m: SmtpModel): boolean {
  return m.state === 'closed';
}

function chunkShape(chunk: BdatChunk, transport: Transport): string {
  const declared = /^BDAT (\d{1,9})\b/.exec(chunk.line)?.[1];
  const size = declared === undefined ? '' : ` size:${countBucket(Number(declared))}`;
  const last = chunk.last ? ' LAST' : '';
  return `BDAT ${chunk.framing}${size}${last} ${transportShape(transport)}`.trim();
}

/**
 * Sends one BDAT chunk. An exact one gets its reply judged (true when it was accepted, so
 * the next chunk may follow: RFC 3030 §2 has the client stop after a refused one). A chunk
 * shorter than declared leaves the server waiting for octets, so the client closes; a longer
 * one or a broken line leaves the framing open, so only the first reply is read and the run
 * ends.
 */
export async function sendChunk(
  d: SessionDriver,
  m: SmtpModel,
  chunk: BdatChunk,
  transport: Transport,
): Promise<boolean> {
  const bytes = Buffer.from(`${chunk.line}${CRLF}${chunk.payload}`, 'latin1');
  d.trigger = chunkShape(chunk, transport);
  d.lineLog.push('BDAT');
  // Not offered (sent under --lenient): a server without CHUNKING reads the octets as the
  // start of a command line, so nothing after them can be judged: send, then close. A
  // broken line likewise: a lenient server may read a size from it (`BDAT  5`) and wait
  // for octets that never come, which is no hang of its own.
  const closing = ['short', 'huge', 'bad-line'].includes(chunk.framing) || !m.chunking;
  if (closing) {
    const what = !m.chunking
      ? 'CHUNKING was not offered'
      : chunk.framing === 'bad-line'
        ? 'no valid chunk-size'
        : 'fewer octets than declared';
    const note = `${chunk.line}: ${what}, then the client closes`;
    d.steps.push(rawStep([bytes], 0, note));
    if (await d.send(m, [bytes], 0, 'BDAT chunk')) await d.session.close();
    m.state = 'closed';
    return false;
  }
  if (chunk.framing === 'long') {
    const note = `${chunk.line}: one octet more than declared`;
    d.steps.push(rawStep([bytes], 0, note, ANY_REPLY));
    if (await d.send(m, [bytes], 0, 'BDAT chunk')) {
      const reply = await d.read(`reply to ${chunk.line} (${note.split(': ')[1]})`, ['any reply']);
      d.stats.reply('BDAT', reply.code);
    }
    m.state = 'closed'; // the server's view of the stream is not the model's any more
    return false;
  }
  const input: ModelInput = { verb: 'BDAT', last: chunk.last };
  const rule = expectedReply(m, input);
  const parts = cutBytes(bytes, transport);
  d.steps.push(
    rawStep(
      parts,
      transport.pauseMs,
      `${chunk.line} and its ${chunk.payload.length} octets`,
      expectationOf(rule),
    ),
  );
  if (!(await d.send(m, parts, transport.pauseMs, 'BDAT chunk'))) return false;
  const reply = await d.judge(m, input, rule, `reply to ${chunk.line}`);
  return reply.code >= 200 && reply.code < 300;
}

function responseLine(text: string): CommandLine {
  return { verb: 'UNKNOWN', text, form: 'valid', mutation: '' };
}

/** One AUTH line or response: recorded, sent and judged; the reply code, or none if closed. */
async function authStep(
  d: SessionDriver,
  m: SmtpModel,
  text: string,
  input: ModelInput,
  what: string,
): Promise<number | undefined> {
  const rule = expectedReply(m, input);
  const bytes = Buffer.from(text + CRLF, 'latin1');
  d.steps.push(lineStep(responseLine(text), [bytes], 0, expectationOf(rule)));
  if (!(await d.send(m, [bytes], 0, what))) return undefined;
  return (await d.judge(m, input, rule, `reply to ${what}`)).code;
}

/** Most responses sent in one exchange before the client gives up with `*`. */
const MAX_RESPONSES = 4;

/**
 * The AUTH line, then a response to each 334 challenge, in the plan's order and `*` once
 * they run out (RFC 4954 §4), until the server answers with anything but 334.
 */
export async function authExchange(d: SessionDriver, m: SmtpModel, plan: AuthPlan): Promise<void> {
  const line = `AUTH ${plan.mechanism}${plan.initial ? ` ${plan.initial.text}` : ''}`;
  // The mechanism is left out of the shape: a response the server cannot decode is one
  // trigger whatever mechanism it answered.
  d.trigger = `AUTH${plan.initial ? ` initial ${plan.initial.kind}` : ''}`;
  d.lineLog.push('AUTH');
  const input: ModelInput = {
    verb: 'AUTH',
    mechanism: plan.mechanism,
    initial: plan.initial?.kind,
  };
  let code = await authStep(d, m, line, input, 'AUTH');
  for (let i = 0; code === 334 && !isClosed(m) && i < MAX_RESPONSES; i++) {
    const next: AuthResponse = plan.responses[i] ?? { kind: 'cancel', text: '*' };
    d.trigger = `AUTH response ${next.kind}`;
    d.lineLog.push(`AUTH response (${next.kind})`);
    const response: ModelInput = { verb: 'AUTH-RESPONSE', kind: next.kind };
    code = await authStep(d, m, next.text, response, `the AUTH response (${next.kind})`);
  }
}

/** How a run of `count` RCPT lines goes out in state `m`: pipelined, and how many lines. */
export function recipientRun(
  m: Readonly<SmtpModel>,
  count: number,
  pipelined: boolean,
): { pipelined: boolean; count: number } {
  const batched = pipelined && m.pipelining;
  return { pipelined: batched, count: batched ? count : Math.min(count, MAX_LOCKSTEP_RCPTS) };
}

/** RCPT lines per write when the server offers PIPELINING (RFC 2920). */
const BATCH = 100;
/**
 * Most RCPT lines sent in lock-step: each costs a round trip, and past a few hundred they
 * reach nothing more than a pipelined run does (which goes to the full count).
 */
export const MAX_LOCKSTEP_RCPTS = 300;

/**
 * `count` copies of one RCPT line, in lock-step or in pipelined batches (when `pipelined`
 * and the server offers PIPELINING): a transaction with hundreds of recipients, as one fuzz
 * command rather than hundreds. See {@link recipientRun} for the count actually sent.
 */
export async function manyRecipients(
  d: SessionDriver,
  m: SmtpModel,
  line: CommandLine,
  count: number,
  pipelined: boolean,
): Promise<void> {
  const pipelining = pipelined && m.pipelining;
  d.logLine(line, count);
  const shape = `${lineShape(line, WHOLE, m, 'RCPT run')} count:${countBucket(count)}`;
  const bytes = Buffer.from(line.text + CRLF, 'latin1');
  for (let sent = 0; sent < count && m.state !== 'closed' && m.state !== 'data'; ) {
    if (d.overBudget(m)) return;
    const n = pipelining ? Math.min(BATCH, count - sent) : 1;
    const expects = Array.from({ length: n }, () => ANY_REPLY);
    d.steps.push(
      n === 1
        ? lineStep(line, [bytes], 0, ANY_REPLY)
        : { kind: 'pipeline', lines: Array(n).fill(line.text), expect: expects },
    );
    d.trigger = shape;
    if (!(await d.send(m, [n === 1 ? bytes : Buffer.concat(Array(n).fill(bytes))], 0, 'RCPT line')))
      return;
    for (let i = 0; i < n && !isClosed(m); i++) {
      const input: ModelInput = { verb: 'RCPT', form: line.form };
      const rule = expectedReply(m, input);
      expects[i] = expectationOf(rule);
      const step = d.steps.at(-1);
      if (n === 1 && step && 'expect' in step) step.expect = expects[0];
      await d.judge(
        m,
        input,
        rule,
        `reply to RCPT ${sent + i + 1} of ${count}${n > 1 ? ' (pipelined)' : ''}`,
      );
    }
    sent += n;
  }
}
