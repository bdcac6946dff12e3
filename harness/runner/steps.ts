/**
 * One executor per step kind (types.ts `Step`): what it sends, what it reads, how the
 * reply is judged. Executors return undefined to go on, or how the case ends.
 */
import { ERROR_CODES, hasErrorCode } from '../errors.ts';
import { gradeOf } from '../judge/grading.ts';
import type { ReplyExpectation, Step, StepKind } from '../scenario/types.ts';
import { parseEhloReply } from '../wire/ehlo.ts';
import {
  type CaseState,
  expand,
  labelOf,
  noteSent,
  type StepOutcome,
  setupLabelOf,
  verbFor,
} from './case-state.ts';
import { addFinding, readFailure, readJudged } from './read-reply.ts';
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
    return readFailure(err, [], state, { what: `sending ${label}` });
  }
}

/** Sends a command line and (unless `noReply`) reads and judges its reply. */
async function sendCommand(
  state: CaseState,
  line: string,
  step: { expect?: ReplyExpectation; noReply?: boolean },
  defaultRole: 'setup' | 'check',
): Promise<StepOutcome> {
  const verb = verbFor(state, line);
  const label = labelOf(line);
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
    state.keywords = new Set(parseEhloReply(read.reply).keywords.keys());
  }
  return read.end;
};

const send: Executor<'send'> = (state, step) =>
  sendCommand(state, expand(state, step.line), step, 'check');

function rawBytes(state: CaseState, step: Extract<Step, { kind: 'sendRaw' }>): Buffer[] {
  const parts = step.parts ?? [step.bytes ?? ''];
  return parts.map((p) => Buffer.from(expand(state, p), 'latin1'));
}

const sendRaw: Executor<'sendRaw'> = async (state, step) => {
  const parts = rawBytes(state, step);
  const text = Buffer.concat(parts).toString('latin1');
  const verb = verbFor(state, text);
  state.session.transcript.note(step.note);
  const label = noteLabel(step.note);
  const options = step.pauseMs === undefined ? {} : { pauseMs: step.pauseMs };
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
  try {
    await state.session.expectNoReply(step.ms);
    return undefined;
  } catch (err) {
    if (!hasErrorCode(err, ERROR_CODES.unexpectedReply)) {
      return readFailure(err, [`no reply for ${step.ms} ms`], state, {
        what: `after ${state.lastLabel || 'connect'}`,
      });
    }
    const actual = (err as { bytes?: string }).bytes ?? 'data';
    const message = `after ${state.lastLabel || 'connect'}: expected no reply for ${step.ms} ms, got ${actual}`;
    const finding = {
      grade: gradeOf(state.scenario.level),
      message,
      expected: [`no reply for ${step.ms} ms`],
      actual,
    };
    return addFinding(state, finding) ? { verdict: 'fail', ...finding } : undefined;
  }
};

const pause: Executor<'pause'> = async (state, step) => {
  await state.session.pause(step.ms);
  return undefined;
};

const message: Executor<'message'> = async (state, step) => {
  const content = Buffer.from(step.content, 'latin1');
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
};

/** Runs one step. */
export function runStep(state: CaseState, step: Step): Promise<StepOutcome> {
  const executor = EXECUTORS[step.kind] as Executor<StepKind>;
  return executor(state, step as never);
}
