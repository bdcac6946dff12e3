/**
 * One executor per step kind (types.ts `Step`): what it sends, what it reads, how the
 * reply is judged. Executors return undefined to go on, or how the case ends.
 */
import { chopOctets } from '../client/chop.ts';
import { describeError, ERROR_CODES, hasErrorCode } from '../errors.ts';
import { judgeDefensiveClose } from '../judge/defence.ts';
import { gradeOf } from '../judge/grading.ts';
import type { ReplyExpectation, Step, StepKind } from '../scenario/types.ts';
import { parseEhloReply } from '../wire/ehlo.ts';
import { type Reply, replyText } from '../wire/reply.ts';
import { allowedReplies } from '../wire/reply-table.ts';
import {
  type CaseState,
  expand,
  labelOf,
  noteSent,
  type StepOutcome,
  setupLabelOf,
  verbFor,
} from './case-state.ts';
import { connectionStep } from './connection-step.ts';
import { addFinding, observeReply, readFailure, readJudged } from './read-reply.ts';
import { relayedStep } from './relay-step.ts';
import { startTlsStep } from './starttls-step.ts';

type Executor<K extends StepKind> = (
  state: CaseState,
  step: Extract<Step, { kind: K }>,
) => Promise<StepOutcome>;

/** Runs `send`, turning a failed write (server gone, write stalled) into the case end. */
export async function sending(
  state: CaseState,
  label: string,
  send: () => Promise<void>,
): Promise<StepOutcome> {
  try {
    await send();
    return undefined;
  } catch (err) {
    const closed = hasErrorCode(err, ERROR_CODES.closed) || hasErrorCode(err, ERROR_CODES.reset);
    if (state.hostile && closed) {
      // The server closed while hostile input was still going out: what it said before
      // closing (already queued) tells a defence from a server that ran the input.
      const seen = await readUnexpected(state, SHORT_READ_MS, 8);
      if (seen.replies.length > 0) {
        return judgeUnexpected(
          state,
          seen,
          `while sending ${label}`,
          'no reply before the end of the input',
        );
      }
    }
    return readFailure(err, [], state, { what: `sending ${label}` });
  }
}

/** How long queued replies are waited for once the connection is known to have ended. */
const SHORT_READ_MS = 200;

/** Sends a command line and (unless `noReply`) reads and judges its reply. */
async function sendCommand(
  state: CaseState,
  line: string,
  step: { expect?: ReplyExpectation; noReply?: boolean; hostile?: boolean },
  defaultRole: 'setup' | 'check',
): Promise<StepOutcome> {
  const verb = verbFor(state, line);
  const label = labelOf(line);
  if (step.hostile === true) markHostile(state);
  const failed = await sending(state, label, () => state.session.sendLine(line));
  if (failed) return failed;
  noteSent(state, line, verb, label);
  if (step.noReply === true) return undefined;
  const spec = { what: `reply to ${label}`, setupLabel: setupLabelOf(line), verb, defaultRole };
  return (await readJudged(state, step.expect, spec)).end;
}

const greeting: Executor<'greeting'> = async (state, step) => {
  const spec = {
    what: 'greeting',
    setupLabel: 'greeting',
    verb: 'CONNECT' as const,
    defaultRole: 'setup' as const,
    isGreeting: true,
  };
  return (await readJudged(state, step.expect, spec)).end;
};

const ehlo: Executor<'ehlo'> = async (state, step) => {
  const line = `EHLO ${expand(state, step.name ?? '{{helo}}')}`;
  const label = labelOf(line);
  const failed = await sending(state, label, () => state.session.sendLine(line));
  if (failed) return failed;
  noteSent(state, line, 'EHLO', label);
  const spec = {
    what: `reply to ${label}`,
    setupLabel: 'EHLO',
    verb: 'EHLO' as const,
    defaultRole: 'setup' as const,
  };
  const read = await readJudged(state, step.expect, spec);
  if (read.reply?.code === 250) {
    // RFC 5321 §4.1.4: a new EHLO resets what the session knows of the server's extensions.
    const info = parseEhloReply(read.reply);
    state.keywords = new Set(info.keywords.keys());
    state.ehloParams = new Map(info.keywords);
    state.ehloSeen = true;
  }
  if (read.end) return read.end;
  const missing = (step.requires ?? []).filter((entry) => !advertises(state, entry));
  if (missing.length === 0) return undefined;
  const list = missing.map((k) => k.toUpperCase()).join(', ');
  return { verdict: 'skip', message: `precondition: this EHLO reply does not advertise ${list}` };
};

/** Whether this session's EHLO reply lists `entry`: a keyword, or a keyword and its exact parameters. */
function advertises(state: CaseState, entry: string): boolean {
  const [keyword = '', ...params] = entry.split(' ');
  const got = state.ehloParams.get(keyword.toUpperCase());
  if (got === undefined) return false;
  return params.length === 0 || got.join(' ') === params.join(' ');
}

const send: Executor<'send'> = (state, step) =>
  sendCommand(state, expand(state, step.line), step, 'check');

/** The writes of a raw step: its parts, or its bytes whole or chopped (templates filled in). */
function rawBytes(state: CaseState, step: Extract<Step, { kind: 'sendRaw' }>): Buffer[] {
  const parts = (step.parts ?? [step.bytes ?? '']).map((p) =>
    Buffer.from(expand(state, p), 'latin1'),
  );
  const whole = parts[0];
  return step.chop === undefined || whole === undefined ? parts : chopOctets(whole, step.chop);
}

const sendRaw: Executor<'sendRaw'> = async (state, step) => {
  let parts: Buffer[];
  try {
    parts = rawBytes(state, step);
  } catch (err) {
    // A chop of bytes that expanded too long: the scenario cannot be run as written.
    return { verdict: 'error', message: `cannot send ${step.note}: ${describeError(err)}` };
  }
  const text = Buffer.concat(parts).toString('latin1');
  const verb = verbFor(state, text);
  state.session.transcript.note(step.note);
  const label = noteLabel(step.note);
  const options = step.pauseMs === undefined ? {} : { pauseMs: step.pauseMs };
  if (step.hostile === true) markHostile(state);
  const failed = await sending(state, step.note, () => state.session.sendRaw(parts, options));
  if (failed) return failed;
  noteSent(state, text, verb, label);
  if (step.expect === undefined) return undefined;
  const spec = {
    what: `reply to ${label}`,
    setupLabel: label,
    verb,
    defaultRole: 'check' as const,
  };
  return (await readJudged(state, step.expect, spec)).end;
};

/**
 * From a hostile step on, closes are judged as defences (RFC 5321 §7.8). Marked before
 * sending: a server may close while the bytes are still going out.
 */
function markHostile(state: CaseState): void {
  state.hostile ??= {};
}

/**
 * A raw step is named by its note, up to the first `: ` or `; ` (the rest explains why),
 * cut to keep messages on one readable line. The transcript keeps the exact bytes.
 */
export function noteLabel(note: string): string {
  const cut = note.search(/[:;] /);
  return labelOf(cut === -1 ? note : note.slice(0, cut));
}

const expectReply: Executor<'expectReply'> = async (state, step) => {
  const what = state.lastLabel === '' ? 'reply' : `reply to ${state.lastLabel}`;
  const spec = {
    what,
    setupLabel: state.lastLabel,
    verb: state.lastVerb,
    defaultRole: 'check' as const,
  };
  return (await readJudged(state, step.expect, spec)).end;
};

const pipeline: Executor<'pipeline'> = async (state, step) => {
  const lines = step.lines.map((l) => expand(state, l));
  const failed = await sending(state, `${lines.length} pipelined commands`, () =>
    state.session.sendPipelined(lines),
  );
  if (failed) return failed;
  for (const [i, line] of lines.entries()) {
    const verb = verbFor(state, line);
    const label = labelOf(line);
    noteSent(state, line, verb, label);
    const what = `reply to ${label} (pipelined ${i + 1} of ${lines.length})`;
    const spec = { what, setupLabel: setupLabelOf(line), verb, defaultRole: 'check' as const };
    const end = (await readJudged(state, step.expect[i], spec)).end;
    if (end) return end;
  }
  return undefined;
};

const expectClose: Executor<'expectClose'> = async (state, step) => {
  const timeoutMs = step.timeoutMs ?? state.stepTimeoutMs;
  try {
    await state.session.expectClose({ timeoutMs });
    return undefined;
  } catch (err) {
    if (!hasErrorCode(err, ERROR_CODES.timeout)) {
      return readFailure(err, [], state, { what: 'waiting for the server to close' });
    }
    const message = `expected the server to close the connection within ${timeoutMs} ms; it stayed open`;
    const finding = {
      grade: gradeOf(state.scenario.level),
      message,
      expected: ['connection closed by the server'],
      actual: `still open after ${timeoutMs} ms`,
    };
    return addFinding(state, finding) ? { verdict: 'fail', ...finding } : undefined;
  }
};

const expectNoReply: Executor<'expectNoReply'> = async (state, step) => {
  const after = `after ${state.lastLabel || 'connect'}`;
  try {
    await state.session.expectNoReply(step.ms);
    return undefined;
  } catch (err) {
    if (!hasErrorCode(err, ERROR_CODES.unexpectedReply)) {
      return readFailure(err, [`no reply for ${step.ms} ms`], state, { what: after });
    }
  }
  const seen = await readUnexpected(state, step.ms, (step.answers?.length ?? 0) + 2);
  return judgeUnexpected(state, seen, after, `no reply for ${step.ms} ms`, step.answers);
};

/**
 * Judges replies that came where none was due. After hostile input, refusals followed by a
 * close are a defence. Inside mail data the only replies a server may send are those that
 * end it (RFC 5321 §4.3.2): a 500-range command reply shows it had already left the data,
 * which is the violation, not a defence, even if it then refuses and closes.
 */
function judgeUnexpected(
  state: CaseState,
  seen: Unexpected,
  what: string,
  wanted: string,
  answers?: readonly string[],
): StepOutcome {
  const dataReplies = state.inData ? allowedReplies('END-OF-DATA').codes : undefined;
  const refusals = seen.replies.every(
    (r) => r.code >= 400 && (dataReplies === undefined || dataReplies.includes(r.code)),
  );
  if (state.hostile && seen.end !== undefined && seen.replies.length > 0 && refusals) {
    const last = seen.replies.at(-1);
    return judgeDefensiveClose({
      ...(last ? { lastReply: { code: last.code, text: replyText(last) } } : {}),
      how: seen.end,
    });
  }
  const left = dataReplies && seen.replies.find((r) => !dataReplies.includes(r.code));
  const phase = left
    ? `; ${left.code} is no reply to mail data (RFC 5321 §4.3.2): the server had ended the data`
    : '';
  const actual = describeReplies(seen, answers) + phase;
  const finding = {
    grade: gradeOf(state.scenario.level),
    message: `${what}: expected ${wanted}, got ${actual}`,
    expected: [wanted],
    actual,
  };
  return addFinding(state, finding) ? { verdict: 'fail', ...finding } : undefined;
}

/** Replies read after unexpected bytes, and how the connection ended if it did. */
interface Unexpected {
  replies: Reply[];
  /** Bytes that did not make a reply, made visible. */
  garbage?: string;
  end?: 'closed' | 'reset';
}

/**
 * Reads what came instead of silence: up to `max` replies, each given at most `ms` (so
 * the whole read is bounded), stopping at a close, a reset or bytes that are no reply.
 */
async function readUnexpected(state: CaseState, ms: number, max: number): Promise<Unexpected> {
  const seen: Unexpected = { replies: [] };
  const wait = Math.min(ms, state.stepTimeoutMs);
  for (let i = 0; i < max; i++) {
    try {
      const reply = await state.session.readReply({ what: 'unexpected reply', timeoutMs: wait });
      observeReply(state, undefined, 'unexpected reply', reply);
      seen.replies.push(reply);
    } catch (err) {
      if (hasErrorCode(err, ERROR_CODES.closed)) seen.end = 'closed';
      else if (hasErrorCode(err, ERROR_CODES.reset)) seen.end = 'reset';
      else if (!hasErrorCode(err, ERROR_CODES.timeout)) seen.garbage = describeError(err);
      break;
    }
  }
  return seen;
}

/** `250 Ok (end of the first message); 250 Ok (smuggled MAIL); then the server closed`. */
function describeReplies(seen: Unexpected, answers: readonly string[] = []): string {
  const parts = seen.replies.map((r, i) => {
    const meaning = answers[i];
    return meaning === undefined ? replyText(r, 120) : `${replyText(r, 120)} (${meaning})`;
  });
  if (seen.garbage !== undefined) parts.push(seen.garbage);
  const ran = seen.replies.some((r, i) => i > 0 && r.code < 400 && answers[i] !== undefined);
  let text = parts.length > 0 ? parts.join('; ') : 'bytes that are no reply';
  if (ran) text += ': the commands that followed were executed';
  if (seen.end !== undefined) text += `; then the server ${seen.end} the connection`;
  return text;
}

const pause: Executor<'pause'> = async (state, step) => {
  await state.session.pause(step.ms);
  return undefined;
};

/** The largest advertised SIZE limit a case exceeds: beyond it, sending takes too long. */
// 40 MiB: Postfix's 10 MB and OpenSMTPD's 35 MiB defaults are exceeded in about a second;
// Exim's 50 MiB took 3 s on a loaded 2-core machine, and once stalled past a write timeout.
const MAX_EXCEEDED_SIZE = 40 * 1024 * 1024;
/**
 * The padding line of an oversized message: 1000 octets with its CRLF, the longest text line
 * (RFC 5321 §4.5.3.1.6), so that a server counting each line end as one octet (LF, as in
 * many spools) still counts the message over its limit: see `oversized`.
 */
const PADDING_LINE = `${'smtpspec padding '.repeat(59).slice(0, 998)}\r\n`;

/**
 * `content` followed by padding lines until the message is larger than the SIZE limit of
 * this session's EHLO reply (RFC 1870 §4), or why the case cannot go on.
 */
function oversized(state: CaseState, content: Buffer): Buffer | string {
  const limit = Number(state.ehloParams.get('SIZE')?.[0]);
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    return 'precondition: the EHLO reply advertises no positive SIZE limit to exceed';
  }
  if (limit > MAX_EXCEEDED_SIZE) {
    return `precondition: the advertised SIZE limit ${limit} is over the ${MAX_EXCEEDED_SIZE} octets a case sends`;
  }
  const head =
    content.length === 0 || content.subarray(-2).toString('latin1') === '\r\n'
      ? content
      : Buffer.concat([content, Buffer.from('\r\n', 'latin1')]);
  // RFC 1870 counts CR-LF pairs; a server that counts one octet per line end must still see
  // the message over its limit, so the padding exceeds it by a line per 999 octets, plus one.
  const perLine = PADDING_LINE.length - 1;
  const lines = Math.ceil(Math.max(limit - head.length, 0) / perLine) + 1;
  return Buffer.concat([head, Buffer.alloc(lines * PADDING_LINE.length, PADDING_LINE, 'latin1')]);
}

const message: Executor<'message'> = async (state, step) => {
  const text = Buffer.from(expand(state, step.content), 'latin1');
  const content = step.exceedAdvertisedSize === true ? oversized(state, text) : text;
  if (typeof content === 'string') return { verdict: 'skip', message: content };
  const submission = state.submissions.at(-1);
  if (submission !== undefined) submission.content = content;
  const failed = await sending(state, 'message content', () => state.session.sendMessage(content));
  if (failed) return failed;
  state.lastVerb = 'END-OF-DATA';
  state.lastLabel = 'end of mail data';
  state.inData = true;
  const spec = {
    what: 'reply to end of mail data',
    setupLabel: 'message',
    verb: 'END-OF-DATA' as const,
    defaultRole: 'check' as const,
  };
  return (await readJudged(state, step.expect, spec)).end;
};

/**
 * `count` RCPTs to `address` numbered by `{n}` (RFC 5321 §4.5.3.1.8), each sent and judged
 * as a `send` step would be; the first reply that ends the case ends the step.
 */
const recipients: Executor<'recipients'> = async (state, step) => {
  const address = expand(state, step.address);
  const first = step.first ?? 1;
  for (let n = first; n < first + step.count; n++) {
    const line = `RCPT TO:<${address.replaceAll('{n}', String(n))}>`;
    const end = await sendCommand(state, line, step, 'check');
    if (end) return end;
  }
  return undefined;
};

const EXECUTORS: { [K in StepKind]: Executor<K> } = {
  greeting,
  ehlo,
  send,
  sendRaw,
  expectReply,
  pipeline,
  expectClose,
  expectNoReply,
  startTls: startTlsStep,
  pause,
  message,
  connection: connectionStep,
  recipients,
  relayed: relayedStep,
};

/** Runs one step. */
export function runStep(state: CaseState, step: Step): Promise<StepOutcome> {
  const executor = EXECUTORS[step.kind] as Executor<StepKind>;
  return executor(state, step as never);
}
