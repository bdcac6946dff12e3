// Why these tests? A case with several connections (RFC 5321 §4.5.4.2) must keep each
// connection's session state apart, judge a second connection that is refused by the case
// level, and close every connection it opened, whatever happens.
import { afterEach, describe, expect, it } from 'vitest';
import { SmtpClientSession } from '../client/session.ts';
import {
  type RunningScriptedServer,
  type ScriptedServerOptions,
  standardReply,
  startScriptedServer,
} from '../client/testing/scripted-server.ts';
import type { Scenario, Step } from '../scenario/types.ts';
import { renderTranscript } from '../transcript/render.ts';
import { Transcript } from '../transcript/transcript.ts';
import { type CaseEnvironment, runCase } from './case-runner.ts';
import type { CaseState } from './case-state.ts';
import { closeConnections, connectionStep } from './connection-step.ts';
import { resolveProfile } from './profile.ts';

let server: RunningScriptedServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function serve(options: Partial<ScriptedServerOptions> = {}) {
  server = await startScriptedServer({ onLine: standardReply, ...options });
  return server;
}

function env(s: RunningScriptedServer): CaseEnvironment {
  return {
    target: s.address,
    address: `127.0.0.1:${s.address.port}`,
    tls: 'none',
    values: resolveProfile({}, { builtIn: true, serverDomain: 'scripted.test' }).values,
    probeKeywords: new Set(),
    stepTimeoutMs: 1000,
    caseTimeoutMs: 10_000,
  };
}

function scenario(steps: Step[], level: Scenario['level'] = 'SHOULD'): Scenario {
  return {
    id: 'test/1/case',
    title: 'a case',
    spec: 'RFC 5321',
    section: '1',
    level,
    requirements: [],
    steps,
  };
}

const SECOND: Step = {
  kind: 'connection',
  index: 1,
  expect: { role: 'check', codes: [220], because: 'RFC 5321 §4.5.4.2' },
};

describe('the connection step', () => {
  it('runs two interleaved transactions, each connection in its own state', async () => {
    const s = await serve();
    const steps: Step[] = [
      { kind: 'ehlo' },
      { kind: 'send', line: 'MAIL FROM:<a@x.test>' },
      { kind: 'send', line: 'DATA', expect: { codes: [354] } },
      SECOND,
      // Connection 2 is not in mail data because connection 1 is: this is a command.
      { kind: 'ehlo' },
      { kind: 'send', line: 'NOOP', expect: { codes: [250] } },
      { kind: 'connection', index: 0 },
      { kind: 'message', content: 'Subject: one\r\n\r\nfirst\r\n', expect: { codes: [250] } },
      { kind: 'connection', index: 1 },
      { kind: 'send', line: 'QUIT', expect: { codes: [221] } },
    ];
    const out = await runCase(scenario(steps), env(s));
    expect(out).toMatchObject({ verdict: 'pass' });
    expect(s.lines).toEqual([
      'EHLO client.smtpspec.test',
      'MAIL FROM:<a@x.test>',
      'DATA',
      'EHLO client.smtpspec.test',
      'NOOP',
      'QUIT',
    ]);
    const text = renderTranscript(out.transcript);
    expect(text.match(/connect 127\.0\.0\.1/g)).toHaveLength(2);
    expect(text).toContain('note connection 2: opening it while connection 1 stays open');
    expect(text).toContain('note steps continue on connection 1');
  });

  it('judges a second connection turned away by the case level', async () => {
    const s = await serve({
      greeting: (n) => (n === 1 ? '220 scripted.test\r\n' : '421 4.7.0 Too busy\r\n'),
    });
    const out = await runCase(scenario([{ kind: 'ehlo' }, SECOND]), env(s));
    expect(out.verdict).toBe('warn');
    expect(out.message).toBe(
      'greeting on connection 2: expected 220 (RFC 5321 §4.5.4.2), got 421 4.7.0 Too busy',
    );
  });

  it('skips when a set-up connection is turned away', async () => {
    const s = await serve({
      greeting: (n) => (n === 1 ? '220 scripted.test\r\n' : '554 No service\r\n'),
    });
    const out = await runCase(scenario([{ kind: 'connection', index: 2 }]), env(s));
    expect(out.verdict).toBe('skip');
    expect(out.message).toContain('554 No service');
  });

  it('judges a connection that cannot be opened, and closes every connection at the end', async () => {
    const s = await serve();
    const transcript = new Transcript({ label: 'test' });
    const session = await SmtpClientSession.connect({ ...s.address, transcript });
    await session.readReply();
    const second = await SmtpClientSession.connect({ ...s.address, transcript });
    const state: CaseState = {
      scenario: scenario([], 'MUST'),
      session,
      values: env(s).values,
      stepTimeoutMs: 1000,
      keywords: new Set(),
      ehloParams: new Map(),
      inData: false,
      lastVerb: undefined,
      lastLabel: '',
      findings: [],
      tls: false,
      ehloSeen: false,
      observations: new Map(),
      openConnection: async () => second,
      submissions: [],
    };
    expect(await connectionStep(state, { kind: 'connection', index: 1 })).toBeUndefined();
    expect(state.session).toBe(second);
    const refusing = { ...state, openConnection: () => Promise.reject(new Error('ECONNREFUSED')) };
    const end = await connectionStep(refusing, { ...SECOND, index: 2 });
    expect(end).toMatchObject({ verdict: 'fail' });
    expect(end?.message).toContain(
      'connection 3, opened while connection 2, connection 1 stay open: expected a greeting',
    );
    // The refused connection changed nothing: the steps still use connection 2.
    expect(refusing.session).toBe(second);
    await closeConnections(state);
    expect(session.isClosed).toBe(true);
    expect(second.isClosed).toBe(true);
  });
});
