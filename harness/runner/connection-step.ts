/**
 * The `connection` step: a case that holds several connections to the target at once, to
 * show the server serving more than one session at a time (RFC 5321 §4.5.4.2: "servers that
 * cannot handle more than one SMTP transaction at a time are not in conformance with the
 * intent of this specification"). Each connection keeps its own session state (EHLO
 * keywords, mail data, hostile input); the findings and the transcript are the case's.
 */
import type { SmtpClientSession } from '../client/session.ts';
import { describeError } from '../errors.ts';
import { gradeOf } from '../judge/grading.ts';
import type { Step } from '../scenario/types.ts';
import type { CaseState, ConnectionFields, StepOutcome } from './case-state.ts';
import { addFinding, readJudged } from './read-reply.ts';

/** The per-connection part of `state`. */
function fieldsOf(state: CaseState): ConnectionFields {
  const { session, keywords, ehloParams, inData, lastVerb, lastLabel, tls, ehloSeen } = state;
  const fields: ConnectionFields = {
    session,
    keywords,
    ehloParams,
    inData,
    lastVerb,
    lastLabel,
    tls,
    ehloSeen,
  };
  if (state.mailSmtputf8 !== undefined) fields.mailSmtputf8 = state.mailSmtputf8;
  if (state.commandSmtputf8 !== undefined) fields.commandSmtputf8 = state.commandSmtputf8;
  if (state.hostile !== undefined) fields.hostile = state.hostile;
  if (state.lastReply !== undefined) fields.lastReply = state.lastReply;
  return fields;
}

/** Makes `fields` the state the steps see. */
function restore(state: CaseState, fields: ConnectionFields): void {
  state.session = fields.session;
  state.keywords = fields.keywords;
  state.ehloParams = fields.ehloParams;
  state.inData = fields.inData;
  state.lastVerb = fields.lastVerb;
  state.lastLabel = fields.lastLabel;
  state.tls = fields.tls;
  state.ehloSeen = fields.ehloSeen;
  state.mailSmtputf8 = fields.mailSmtputf8;
  state.commandSmtputf8 = fields.commandSmtputf8;
  state.hostile = fields.hostile;
  state.lastReply = fields.lastReply;
}

/** A connection that has just been opened: nothing sent, nothing known. */
function fresh(session: SmtpClientSession): ConnectionFields {
  return {
    session,
    keywords: new Set(),
    ehloParams: new Map(),
    inData: false,
    lastVerb: undefined,
    lastLabel: '',
    tls: session.tls !== undefined,
    ehloSeen: false,
  };
}

/** `connection 2` for index 1: people count from one. */
function nameOf(index: number): string {
  return `connection ${index + 1}`;
}

/** Runs a `connection` step. */
export async function connectionStep(
  state: CaseState,
  step: Extract<Step, { kind: 'connection' }>,
): Promise<StepOutcome> {
  state.connections ??= { current: 0, parked: new Map() };
  const connections = state.connections;
  if (step.index === connections.current) return undefined;
  const parked = connections.parked.get(step.index);
  if (parked !== undefined) {
    connections.parked.set(connections.current, fieldsOf(state));
    connections.parked.delete(step.index);
    connections.current = step.index;
    restore(state, parked);
    state.session.transcript.note(`steps continue on ${nameOf(step.index)}`);
    return undefined;
  }
  const others = [connections.current, ...connections.parked.keys()];
  const open = `${others.map(nameOf).join(', ')} ${others.length === 1 ? 'stays' : 'stay'}`;
  if (state.openConnection === undefined) {
    return { verdict: 'error', message: `cannot open ${nameOf(step.index)} in this run` };
  }
  state.session.transcript.note(`${nameOf(step.index)}: opening it while ${open} open`);
  let session: SmtpClientSession;
  try {
    session = await state.openConnection();
  } catch (err) {
    return refused(state, step, open, describeError(err));
  }
  connections.parked.set(connections.current, fieldsOf(state));
  connections.current = step.index;
  restore(state, fresh(session));
  const spec = {
    what: `greeting on ${nameOf(step.index)}`,
    setupLabel: `greeting on ${nameOf(step.index)}`,
    verb: 'CONNECT' as const,
    defaultRole: 'setup' as const,
  };
  return (await readJudged(state, step.expect, spec)).end;
}

/** A connection that could not be opened: skip for a set-up, else a finding. */
function refused(
  state: CaseState,
  step: Extract<Step, { kind: 'connection' }>,
  open: string,
  why: string,
): StepOutcome {
  if ((step.expect?.role ?? 'setup') === 'setup') {
    return { verdict: 'skip', message: `setup: ${nameOf(step.index)} not opened: ${why}` };
  }
  const because = step.expect?.because === undefined ? '' : ` (${step.expect.because})`;
  const finding = {
    grade: gradeOf(state.scenario.level),
    message: `${nameOf(step.index)}, opened while ${open} open: expected a greeting${because}, got ${why}`,
    expected: ['a new connection accepted and greeted'],
    actual: why,
  };
  return addFinding(state, finding) ? { verdict: 'fail', ...finding } : undefined;
}

/** Closes every connection the case holds; never throws. */
export async function closeConnections(state: CaseState): Promise<void> {
  const others = [...(state.connections?.parked.values() ?? [])].map((f) => f.session);
  await Promise.all(
    [state.session, ...others].map((session) => session.close().catch(() => undefined)),
  );
}
