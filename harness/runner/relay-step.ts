/**
 * The `relayed` step: wait (bounded) for what the target sent on to the sink for the
 * message this case submitted, and judge it: delivered as submitted, retried after a 4xx,
 * a notification after a 5xx, or none for a null reverse-path. Waiting is part of the
 * verdict but never fails a target for being slow where the RFC allows slowness.
 */
import { gradeOf, milder } from '../judge/grading.ts';
import {
  judgeDataAfterRcpt,
  judgeHello,
  judgeLineEnds,
  judgeLockStep,
  judgeParameters,
  judgeQuit,
} from '../judge/relay-conduct.ts';
import { judgeRelayedContent, type RelayProblem } from '../judge/relay-content.ts';
import type { SinkCase, SinkStage, SinkTransaction } from '../relay/sink-case.ts';
import type { RelayCheck, RelayExpectation, Step } from '../scenario/types.ts';
import type { SessionRecord } from '../server/types.ts';
import type { CaseState, RelayCaseContext, StepOutcome, Submission } from './case-state.ts';

/** Longest wait for the target to end its session at the sink, for the `quit` check. */
const QUIT_WAIT_MS = 10_000;
/** Least extra wait for a notification that must not come, after the control's arrived. */
const SILENCE_MIN_MS = 1000;

const OK = (code: number | undefined) => code !== undefined && code >= 200 && code < 300;

/** `<Local@Dom>` (or with a source route) -> `Local@Dom`. */
function mailboxOf(path: string): string {
  return path.replace(/^<(?:@[^:]*:)?/, '').replace(/>$/, '');
}

function sameMailbox(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * A notification: from the null reverse-path, or anything to a protected address; known
 * only once a recipient names where it goes.
 */
function isNotification(tx: SinkTransaction, sinkCase: SinkCase): boolean {
  if (tx.recipients.length === 0) return false;
  return tx.reversePath === '<>' || tx.recipients.some((r) => sinkCase.isProtected(r.path));
}

/** The submitted message passed on and accepted by the sink. */
function deliveredOf(sinkCase: SinkCase, sub: Submission): SinkTransaction | undefined {
  return sinkCase.transactions.find(
    (tx) =>
      OK(tx.dataCode) &&
      !isNotification(tx, sinkCase) &&
      tx.recipients.some(
        (r) => OK(r.code) && sub.recipients.some((m) => sameMailbox(m, mailboxOf(r.path))),
      ),
  );
}

/** A notification addressed to `mailbox`, accepted by the sink. */
function notificationTo(sinkCase: SinkCase, mailbox: string): SinkTransaction | undefined {
  return sinkCase.transactions.find(
    (tx) =>
      OK(tx.dataCode) &&
      tx.recipients.some((r) => OK(r.code) && sameMailbox(mailboxOf(r.path), mailbox)),
  );
}

/** Runs the step. */
export async function relayedStep(
  state: CaseState,
  step: Extract<Step, { kind: 'relayed' }>,
): Promise<StepOutcome> {
  const relay = state.relay;
  if (relay === undefined) {
    return {
      verdict: 'error',
      message: 'relayed step outside a relay-through case (a bug in the suite)',
    };
  }
  const sub = state.submissions.at(-1);
  if (sub === undefined) {
    return { verdict: 'error', message: 'relayed step before any MAIL (a bug in the suite)' };
  }
  const expect = step.expect;
  if (expect.outcome === 'stopped') return stopped(state, relay);
  if (!OK(sub.endCode)) {
    const code = sub.endCode === undefined ? 'no reply' : String(sub.endCode);
    if (expect.refusalPasses === true && sub.endCode !== undefined && sub.endCode >= 400) {
      return {
        verdict: 'pass',
        message: `the target refused the message (${code} to the end of data), so nothing of it can be passed on; a refusal of hostile input is a defence (RFC 5321 §7.8)`,
      };
    }
    return {
      verdict: 'skip',
      message: `the target did not accept the message to relay (${code}): nothing to judge`,
    };
  }
  switch (expect.outcome) {
    case 'delivered':
      return delivered(state, relay, sub, expect);
    case 'retried':
      return retried(state, relay, sub, expect);
    case 'bounced':
      return bounced(state, relay, sub);
    case 'not-bounced':
      return notBounced(state, relay);
  }
  return undefined;
}

/** Turns problems into findings graded by the milder of the case level and the rule. */
function report(
  state: CaseState,
  problems: readonly RelayProblem[],
  wanted?: readonly RelayCheck[],
) {
  for (const p of problems) {
    if (wanted !== undefined && p.check !== 'outcome' && !wanted.includes(p.check)) continue;
    state.findings.push({
      grade: milder(gradeOf(state.scenario.level), gradeOf(p.rule)),
      message: p.message,
    });
  }
}

/** Conduct checks over the sessions that carried (or shaped) the case's transactions. */
async function conduct(
  relay: RelayCaseContext,
  sessions: readonly SessionRecord[],
  checks: readonly RelayCheck[],
): Promise<RelayProblem[]> {
  const problems: RelayProblem[] = [];
  if (checks.includes('quit')) {
    const wait = Math.min(relay.timeoutMs, QUIT_WAIT_MS);
    await relay.sinkCase.waitFor(
      () => (sessions.every((s) => s.end !== undefined) ? true : undefined),
      wait,
    );
  }
  for (const record of sessions) {
    if (checks.includes('hello')) problems.push(...judgeHello(record));
    if (checks.includes('lock-step')) problems.push(...judgeLockStep(record));
    if (checks.includes('parameters')) problems.push(...judgeParameters(record));
    if (checks.includes('data-after-rcpt')) problems.push(...judgeDataAfterRcpt(record));
    if (checks.includes('line-ends')) problems.push(...judgeLineEnds(record));
    if (checks.includes('quit')) problems.push(...judgeQuit(record));
  }
  return problems;
}

/** Nothing (or not the message) arrived: judge what did, else say where it should have. */
async function nothingDelivered(
  state: CaseState,
  relay: RelayCaseContext,
  checks: readonly RelayCheck[],
  what: string,
): Promise<StepOutcome> {
  const sessions = [...relay.sinkCase.sessions];
  if (sessions.length === 0) return unreached(relay, what);
  report(state, await conduct(relay, sessions, checks));
  const notified = relay.sinkCase.transactions.some((tx) => isNotification(tx, relay.sinkCase));
  return {
    verdict: 'info',
    message: `${what}${notified ? '; the target sent a delivery notification instead' : ''}`,
  };
}

function unreached(relay: RelayCaseContext, what: string): StepOutcome {
  const { host, port } = relay.sink.address;
  return {
    verdict: 'error',
    message: `${what}, and nothing of this case reached the sink: check that the target routes ${relay.sink.domain} to ${host}:${port} (README "Relay-through cases")`,
  };
}

async function delivered(
  state: CaseState,
  relay: RelayCaseContext,
  sub: Submission,
  expect: RelayExpectation,
): Promise<StepOutcome> {
  const checks = expect.checks ?? [];
  const { sinkCase } = relay;
  const tx = await sinkCase.waitFor(() => deliveredOf(sinkCase, sub), relay.timeoutMs);
  if (tx === undefined) {
    return nothingDelivered(
      state,
      relay,
      checks,
      `the message was not passed on within ${relay.timeoutMs} ms (--relay-timeout-ms)`,
    );
  }
  const seconds = ((tx.endedAt ?? Date.now()) - (sub.acceptedAt ?? Date.now())) / 1000;
  if (checks.includes('envelope')) report(state, judgeEnvelope(sub, tx));
  const content = tx.data?.content;
  if (content !== undefined && sub.content !== undefined) {
    report(state, judgeRelayedContent(sub.content, content), checks);
  }
  const sessions = new Set([tx.session, ...(checks.includes('hello') ? sinkCase.sessions : [])]);
  report(state, await conduct(relay, [...sessions], checks));
  return {
    verdict: 'pass',
    message: `passed on to the sink after ${seconds.toFixed(1)} s; ${checks.join(', ')} as required`,
  };
}

/**
 * The envelope passed on: the reverse-path kept (RFC 5321 App. C: SHOULD NOT be updated;
 * §4.5.5: a null one SHOULD NOT become non-null) and the local-parts' case (§2.4: MUST).
 */
function judgeEnvelope(sub: Submission, tx: SinkTransaction): RelayProblem[] {
  const problems: RelayProblem[] = [];
  const sent = sub.reversePath;
  const got = tx.reversePath === '<>' ? '' : mailboxOf(tx.reversePath);
  if (sent !== got) {
    const caseOnly = sent.toLowerCase() === got.toLowerCase();
    problems.push({
      check: 'envelope',
      rule: caseOnly ? 'MUST' : 'SHOULD',
      message: caseOnly
        ? `the reverse-path <${sent}> was passed on as <${got}>: the local-part's case changed (RFC 5321 §2.4: implementations MUST preserve the case of local-parts)`
        : `the reverse-path <${sent}> was passed on as <${got}> (RFC 5321 App. C: the reverse-path SHOULD NOT be updated; §4.5.5 for a null one)`,
    });
  }
  for (const r of tx.recipients) {
    const m = mailboxOf(r.path);
    const twin = sub.recipients.find((s) => sameMailbox(s, m));
    if (twin !== undefined && twin !== m && twin.split('@')[0] !== m.split('@')[0]) {
      problems.push({
        check: 'envelope',
        rule: 'MUST',
        message: `the forward-path <${twin}> was passed on as <${m}>: the local-part's case changed (RFC 5321 §2.4: implementations MUST preserve the case of local-parts)`,
      });
    }
  }
  return problems;
}

/** The stage whose 4xx/5xx the case scripted. */
function scriptedStage(sinkCase: SinkCase): SinkStage | undefined {
  const s = sinkCase.script;
  if (s.greeting !== undefined) return 'greeting';
  if (s.mail !== undefined) return 'mail';
  if (s.rcpt !== undefined) return 'rcpt';
  if (s.dataEnd !== undefined) return 'dataEnd';
  return undefined;
}

async function retried(
  state: CaseState,
  relay: RelayCaseContext,
  sub: Submission,
  expect: RelayExpectation,
): Promise<StepOutcome> {
  const { sinkCase } = relay;
  const stage = scriptedStage(sinkCase);
  const window = relay.retryMs ?? relay.timeoutMs;
  const wait = window + (relay.retryMs === undefined ? 0 : Math.min(relay.timeoutMs, 10_000));
  const tx = await sinkCase.waitFor(() => deliveredOf(sinkCase, sub), wait);
  const refused = stage === undefined ? 0 : sinkCase.attemptsAt(stage);
  const code = stage === undefined ? '' : String(sinkCase.script[stage]?.code ?? '');
  if (tx !== undefined && refused > 1) {
    report(state, await conduct(relay, [tx.session], expect.checks ?? []));
    const seconds = ((tx.endedAt ?? Date.now()) - (sub.acceptedAt ?? Date.now())) / 1000;
    return {
      verdict: 'pass',
      message: `tried again after the sink's ${code} and passed it on after ${seconds.toFixed(1)} s (RFC 5321 §4.5.4.1)`,
    };
  }
  if (tx !== undefined) {
    return {
      verdict: 'error',
      message: `the message arrived without meeting the sink's scripted ${code} (a bug in the case or the sink)`,
    };
  }
  if (refused === 0)
    return unreached(relay, `no attempt reached the sink's ${stage ?? ''} within ${wait} ms`);
  if (sinkCase.transactions.some((t) => isNotification(t, sinkCase))) {
    report(state, [
      {
        check: 'outcome',
        rule: 'SHOULD',
        message: `after one ${code} (a temporary failure) the target gave up and sent a delivery notification (RFC 5321 §4.2.1: the SMTP client SHOULD try again)`,
      },
    ]);
    return undefined;
  }
  if (relay.retryMs === undefined) {
    return {
      verdict: 'info',
      message: `no retry seen within ${Math.round(window / 1000)} s after the sink's ${code}; declare the target's retry interval with --relay-retry-ms (RFC 5321 §4.5.4.1 suggests at least 30 minutes)`,
    };
  }
  report(state, [
    {
      check: 'outcome',
      rule: 'MUST',
      message: `no retry within ${wait} ms after the sink's ${code} (the declared --relay-retry-ms ${relay.retryMs} plus the delivery time), and no notification: mail that cannot be transmitted MUST be queued and retried (RFC 5321 §4.5.4.1)`,
    },
  ]);
  return undefined;
}

async function bounced(
  state: CaseState,
  relay: RelayCaseContext,
  sub: Submission,
): Promise<StepOutcome> {
  const { sinkCase } = relay;
  const stage = scriptedStage(sinkCase);
  const reply = stage === undefined ? undefined : sinkCase.script[stage];
  const notice = await sinkCase.waitFor(
    () => notificationTo(sinkCase, sub.reversePath),
    relay.timeoutMs,
  );
  if (notice === undefined) {
    if (stage !== undefined && sinkCase.attemptsAt(stage) === 0) {
      return unreached(
        relay,
        `no attempt reached the sink's ${stage} within ${relay.timeoutMs} ms`,
      );
    }
    report(state, [
      {
        check: 'outcome',
        rule: 'MUST',
        message: `no delivery notification reached <${sub.reversePath}> within ${relay.timeoutMs} ms (--relay-timeout-ms) after the sink's ${reply?.code ?? ''} refusal (RFC 5321 §6.1: the receiver-SMTP MUST formulate and mail a notification message)`,
      },
    ]);
    return undefined;
  }
  const problems: RelayProblem[] = [];
  if (notice.reversePath !== '<>') {
    problems.push({
      check: 'outcome',
      rule: 'MUST',
      message: `the notification came from ${notice.reversePath}, not the null reverse-path (RFC 5321 §3.6.3 / §4.4: notifications MUST use a null return path)`,
    });
  }
  const text = notice.data?.content.toString('latin1').toLowerCase() ?? '';
  const recipient = sub.recipients[0] ?? '';
  if (!text.includes(recipient.toLowerCase())) {
    problems.push({
      check: 'outcome',
      rule: 'SHOULD',
      message: `the notification does not name the recipient <${recipient}> (RFC 5321 §3.6.3: formats such as RFC 3464 SHOULD be used)`,
    });
  }
  if (reply !== undefined && !text.includes(String(reply.code))) {
    problems.push({
      check: 'outcome',
      rule: 'SHOULD',
      message: `the notification does not quote the remote reply ${reply.code} (RFC 3464 §2.3.6 Diagnostic-Code; RFC 5321 §3.6.3: such formats SHOULD be used)`,
    });
  }
  report(state, problems);
  const seconds = ((notice.endedAt ?? Date.now()) - (sub.acceptedAt ?? Date.now())) / 1000;
  return {
    verdict: 'pass',
    message: `a notification from <> reached <${sub.reversePath}> after ${seconds.toFixed(1)} s, naming the recipient and the reply`,
  };
}

/**
 * No notification for the message with the null reverse-path (RFC 5321 §6.1: "if this
 * address is null, the receiver-SMTP MUST NOT send a notification"). A control message
 * with a reverse-path, refused the same way, shows whether and how fast the target
 * notifies at all; the wait for the one that must not come is measured on it.
 */
async function notBounced(state: CaseState, relay: RelayCaseContext): Promise<StepOutcome> {
  const { sinkCase } = relay;
  const control = state.submissions.find((s) => s.reversePath !== '');
  const subject = state.submissions.find((s) => s.reversePath === '');
  if (control === undefined || subject === undefined) {
    return {
      verdict: 'error',
      message: 'not-bounced needs a control message and one with <> (a bug in the suite)',
    };
  }
  const began = Date.now();
  const controlNotice = await sinkCase.waitFor(
    () => notificationTo(sinkCase, control.reversePath),
    relay.timeoutMs,
  );
  if (controlNotice === undefined) {
    if (sinkCase.sessions.size === 0)
      return unreached(relay, `nothing arrived within ${relay.timeoutMs} ms`);
    return {
      verdict: 'skip',
      message: `control: no notification reached <${control.reversePath}> within ${relay.timeoutMs} ms, so the absence of one for the null reverse-path shows nothing`,
    };
  }
  const took = Date.now() - began;
  const extra = Math.min(relay.timeoutMs, Math.max(SILENCE_MIN_MS, 2 * took));
  const local = (subject.recipients[0] ?? '').split('@')[0]?.toLowerCase() ?? '';
  // The target relaying the submitted messages themselves is no notification.
  const submitted = state.submissions.flatMap((s) => s.recipients);
  const relaying = (tx: SinkTransaction) =>
    tx.recipients.some((r) => submitted.some((m) => sameMailbox(m, mailboxOf(r.path))));
  const stray = await sinkCase.waitFor(
    () =>
      sinkCase.transactions.find(
        (tx) =>
          tx !== controlNotice &&
          !relaying(tx) &&
          isNotification(tx, sinkCase) &&
          (!tx.recipients.some((r) => sameMailbox(mailboxOf(r.path), control.reversePath)) ||
            (tx.data?.content.toString('latin1').toLowerCase().includes(local) ?? false)),
      ),
    extra,
  );
  if (stray === undefined) {
    return {
      verdict: 'pass',
      message: `no notification for the null reverse-path within ${extra} ms; the control's came after ${(took / 1000).toFixed(1)} s`,
    };
  }
  report(state, [
    {
      check: 'outcome',
      rule: 'MUST',
      message: `a notification about the message with the null reverse-path was sent (MAIL FROM:${stray.reversePath} to ${stray.recipients.map((r) => r.path).join(', ')}) (RFC 5321 §6.1: if the reverse-path is null, the receiver-SMTP MUST NOT send a notification)`,
    },
  ]);
  return undefined;
}

/**
 * The last message submitted must not be passed on (RFC 5321 §6.3: "servers MUST contain
 * provisions for detecting and stopping trivial loops"): refused at the end of data, or
 * accepted and not relayed. The first message, a plain one, is the control: it must arrive,
 * and how long it took bounds the wait for the one that must not.
 */
async function stopped(state: CaseState, relay: RelayCaseContext): Promise<StepOutcome> {
  const { sinkCase } = relay;
  const control = state.submissions[0];
  const subject = state.submissions.at(-1);
  if (control === undefined || subject === undefined || control === subject) {
    return {
      verdict: 'error',
      message: 'stopped needs a control message and the one to stop (a bug in the suite)',
    };
  }
  if (!OK(control.endCode)) {
    return {
      verdict: 'skip',
      message: `control: the target did not accept the plain message (${control.endCode ?? 'no reply'})`,
    };
  }
  if (subject.endCode !== undefined && subject.endCode >= 400) {
    return {
      verdict: 'pass',
      message: `the target refused the looping message (${subject.endCode} to the end of data): the loop stops here`,
    };
  }
  const began = Date.now();
  const arrived = await sinkCase.waitFor(() => deliveredOf(sinkCase, control), relay.timeoutMs);
  if (arrived === undefined) {
    if (sinkCase.sessions.size === 0)
      return unreached(relay, `the control message was not passed on within ${relay.timeoutMs} ms`);
    return {
      verdict: 'skip',
      message: `control: the plain message was not passed on within ${relay.timeoutMs} ms, so the absence of the looping one shows nothing`,
    };
  }
  const took = Date.now() - began;
  const extra = Math.min(relay.timeoutMs, Math.max(SILENCE_MIN_MS, 2 * took));
  const looped = await sinkCase.waitFor(() => deliveredOf(sinkCase, subject), extra);
  if (looped === undefined) {
    return {
      verdict: 'pass',
      message: `the target accepted the looping message but did not pass it on within ${extra} ms (the control arrived after ${(took / 1000).toFixed(1)} s)`,
    };
  }
  report(state, [
    {
      check: 'outcome',
      rule: 'MUST',
      message: `the target passed on a message whose Received: fields show it went round ${LOOP_NOTE} (RFC 5321 §6.3: servers MUST contain provisions for detecting and stopping trivial loops)`,
    },
  ]);
  return undefined;
}

const LOOP_NOTE = 'the target itself hundreds of times';
