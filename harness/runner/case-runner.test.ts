// Why these tests? Each one makes a scripted server misbehave in one precise way on a real
// loopback socket and checks the verdict and message the runner gives for it.
import { afterEach, describe, expect, it } from 'vitest';
import {
  type RunningScriptedServer,
  type ScriptAction,
  type ScriptedServerOptions,
  standardReply,
  startScriptedServer,
} from '../client/testing/scripted-server.ts';
import type { Scenario, Step } from '../scenario/types.ts';
import { renderTranscript } from '../transcript/render.ts';
import { type CaseEnvironment, runCase } from './case-runner.ts';
import { resolveProfile } from './profile.ts';

let server: RunningScriptedServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function serve(
  options: Partial<ScriptedServerOptions> & { answers?: Record<string, ScriptAction> },
) {
  const { answers = {}, ...rest } = options;
  server = await startScriptedServer({
    onLine: (line) => answers[line] ?? standardReply(line),
    ...rest,
  });
  return server;
}

function env(s: RunningScriptedServer, overrides: Partial<CaseEnvironment> = {}): CaseEnvironment {
  return {
    target: s.address,
    address: `127.0.0.1:${s.address.port}`,
    tls: 'none',
    values: resolveProfile({}, { builtIn: true, serverDomain: 'scripted.test' }).values,
    probeKeywords: new Set(['PIPELINING']),
    stepTimeoutMs: 1000,
    caseTimeoutMs: 10_000,
    ...overrides,
  };
}

function scenario(steps: Step[], overrides: Partial<Scenario> = {}): Scenario {
  return {
    id: 'test/1/case',
    title: 'a case',
    spec: 'RFC 5321',
    section: '1',
    level: 'MUST',
    requirements: [],
    steps,
    ...overrides,
  };
}

const RCPT_BEFORE_MAIL: Step[] = [
  { kind: 'ehlo' },
  {
    kind: 'send',
    line: 'RCPT TO:<{{rcpt}}>',
    expect: { codes: [503], because: 'RFC 5321 §4.1.4' },
  },
];

describe('runCase', () => {
  it('passes when every reply is as expected, and records the transcript', async () => {
    const s = await serve({
      answers: { 'RCPT TO:<alice@smtpspec.test>': { send: '503 5.5.1 No\r\n' } },
    });
    const out = await runCase(scenario(RCPT_BEFORE_MAIL), env(s));
    expect(out.verdict).toBe('pass');
    const text = renderTranscript(out.transcript);
    expect(text).toContain('C: RCPT TO:<alice@smtpspec.test>\\r\\n');
    expect(text).toContain('S: 503 5.5.1 No\\r\\n');
  });

  it('fails with what was expected and what came back', async () => {
    const s = await serve({
      answers: { 'RCPT TO:<alice@smtpspec.test>': { send: '250 2.1.5 Ok\r\n' } },
    });
    const out = await runCase(scenario(RCPT_BEFORE_MAIL), env(s));
    expect(out.verdict).toBe('fail');
    expect(out.message).toBe(
      'reply to RCPT TO:<alice@smtpspec.test>: expected 503 (RFC 5321 §4.1.4), got 250 2.1.5 Ok',
    );
    expect(out.expected).toEqual(['503 (RFC 5321 §4.1.4)']);
    expect(out.actual).toBe('250 2.1.5 Ok');
  });

  it('grades a SHOULD case as warn and a MAY case as info', async () => {
    const s = await serve({ answers: { 'RCPT TO:<alice@smtpspec.test>': { send: '250 Ok\r\n' } } });
    expect((await runCase(scenario(RCPT_BEFORE_MAIL, { level: 'SHOULD' }), env(s))).verdict).toBe(
      'warn',
    );
    expect((await runCase(scenario(RCPT_BEFORE_MAIL, { level: 'MAY' }), env(s))).verdict).toBe(
      'info',
    );
  });

  it('skips when a setup step is refused, with the reply as the reason', async () => {
    const s = await serve({
      answers: { 'MAIL FROM:<sender@client.smtpspec.test>': { send: '550 5.7.1 Go away\r\n' } },
    });
    const steps: Step[] = [
      { kind: 'ehlo' },
      { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { role: 'setup' } },
      { kind: 'send', line: 'RCPT TO:<{{rcpt}}>' },
    ];
    const out = await runCase(scenario(steps), env(s));
    expect(out).toMatchObject({
      verdict: 'skip',
      message: 'setup MAIL FROM refused: 550 5.7.1 Go away',
    });
  });

  it('fails a server that never answers: no reply within the step timeout', async () => {
    const s = await serve({ answers: { NOOP: { silent: true } } });
    const out = await runCase(
      scenario([{ kind: 'send', line: 'NOOP', expect: { codes: [250] } }]),
      env(s),
    );
    expect(out.verdict).toBe('fail');
    expect(out.message).toBe('reply to NOOP: expected 250, got no reply to NOOP within 1000 ms');
  });

  it('leaves a reply whose form breaks RFC 5321 §4.2 to the observers, not the case', async () => {
    const s = await serve({ answers: { NOOP: { send: '250-first\r\n251 second\r\n' } } });
    const out = await runCase(
      scenario([{ kind: 'send', line: 'NOOP', expect: { codes: ['2xx'] } }]),
      env(s),
    );
    expect(out.verdict).toBe('pass');
    const seen = out.observations?.get('multiline-same-code')?.violations ?? [];
    expect(seen.map((v) => v.message)).toEqual([
      'reply to NOOP: line 2 has code 251, the reply started with 250',
    ]);
  });

  it('grades a close without reply by the case level, citing RFC 5321 §3.8', async () => {
    const s = await serve({ answers: { NOOP: { close: true } } });
    const out = await runCase(
      scenario([{ kind: 'send', line: 'NOOP' }], { level: 'SHOULD' }),
      env(s),
    );
    expect(out.verdict).toBe('warn');
    expect(out.message).toContain(
      'connection closed by the server without a reply (RFC 5321 §3.8)',
    );
  });

  it('accepts 421 and close where the step allows it, ending the case', async () => {
    const s = await serve({ answers: { XYZZY: { send: '421 4.7.0 Bye\r\n', close: true } } });
    const steps: Step[] = [
      { kind: 'send', line: 'XYZZY', expect: { codes: [500], closeAllowed: true } },
      { kind: 'send', line: 'NOOP', expect: { codes: [250] } },
    ];
    expect((await runCase(scenario(steps), env(s))).verdict).toBe('pass');
  });

  it('fails a server that sends no greeting', async () => {
    server = await startScriptedServer({ greeting: null, onLine: standardReply });
    const out = await runCase(
      scenario([{ kind: 'send', line: 'NOOP' }]),
      env(server, { stepTimeoutMs: 300 }),
    );
    expect(out.verdict).toBe('fail');
    expect(out.message).toBe(
      'greeting: expected 220 (RFC 5321 §4.3.2 reply codes for connection greeting), got no greeting within 300 ms',
    );
  });

  it('is an error when the connection ends before the greeting', async () => {
    server = await startScriptedServer({
      greeting: null,
      closeOnConnect: true,
      onLine: standardReply,
    });
    const out = await runCase(scenario([{ kind: 'send', line: 'NOOP' }]), env(server));
    expect(out).toMatchObject({
      verdict: 'error',
      message: 'greeting: connection closed by the server without a reply',
    });
  });

  it('skips when the greeting refuses the session (554)', async () => {
    server = await startScriptedServer({
      greeting: '554 5.3.2 Not now\r\n',
      onLine: standardReply,
    });
    const out = await runCase(scenario([{ kind: 'send', line: 'NOOP' }]), env(server));
    expect(out).toMatchObject({
      verdict: 'skip',
      message: 'setup greeting refused: 554 5.3.2 Not now',
    });
  });

  it('skips without connecting when a precondition is not met', async () => {
    const s = await serve({});
    const out = await runCase(
      scenario([{ kind: 'ehlo' }], { preconditions: { ehlo: ['chunking'] } }),
      env(s),
    );
    expect(out).toMatchObject({
      verdict: 'skip',
      message: 'precondition: EHLO keyword CHUNKING not advertised',
    });
    expect(s.lines).toEqual([]);
  });

  it('is an error when nothing listens', async () => {
    const s = await serve({});
    await s.stop();
    server = undefined;
    const out = await runCase(scenario([{ kind: 'ehlo' }]), env(s));
    expect(out.verdict).toBe('error');
    expect(out.connectFailed).toBe(true);
    expect(out.message).toContain('ECONNREFUSED');
  });

  it('ends a case that exceeds its deadline as an error and closes the socket', async () => {
    const s = await serve({});
    const steps: Step[] = [{ kind: 'pause', ms: 5000 }];
    const out = await runCase(scenario(steps, { timeoutMs: 200 }), env(s));
    expect(out).toMatchObject({
      verdict: 'error',
      message: 'case did not finish within 200 ms (case timeout)',
    });
  });

  it('judges pipelined replies in order', async () => {
    const s = await serve({
      answers: { 'RCPT TO:<bob@smtpspec.test>': { send: '550 5.1.1 Unknown\r\n' } },
    });
    const steps: Step[] = [
      { kind: 'ehlo' },
      {
        kind: 'pipeline',
        lines: ['MAIL FROM:<{{from}}>', 'RCPT TO:<{{rcpt}}>', 'RCPT TO:<{{rcpt2}}>'],
        expect: [{ codes: [250] }, { codes: [250] }, { codes: [250] }],
      },
    ];
    const out = await runCase(scenario(steps), env(s));
    expect(out.verdict).toBe('fail');
    expect(out.message).toContain('reply to RCPT TO:<bob@smtpspec.test> (pipelined 3 of 3)');
  });

  it('sends a message and judges the end-of-data reply against the table', async () => {
    server = await startScriptedServer({
      onLine: standardReply,
      onData: () => ({ send: '251 Odd\r\n' }),
    });
    const steps: Step[] = [
      { kind: 'ehlo' },
      { kind: 'send', line: 'MAIL FROM:<{{from}}>', expect: { role: 'setup' } },
      { kind: 'send', line: 'RCPT TO:<{{rcpt}}>', expect: { role: 'setup' } },
      { kind: 'send', line: 'DATA', expect: { role: 'setup' } },
      { kind: 'message', content: 'Subject: x\r\n\r\n.leading dot\r\n' },
    ];
    const out = await runCase(scenario(steps), env(server));
    // RFC 5321 §4.3.1 makes the table a SHOULD: a MUST case outside it is only a warn.
    expect(out.verdict).toBe('warn');
    expect(out.message).toContain('reply to end of mail data: expected 250, 421, 450');
  });

  it('fails when the server talks during an expected silence', async () => {
    const s = await serve({ answers: { NOOP: { send: '250 Ok\r\n250 Extra\r\n' } } });
    const steps: Step[] = [
      { kind: 'send', line: 'NOOP', expect: { codes: [250] } },
      { kind: 'expectNoReply', ms: 300 },
    ];
    const out = await runCase(scenario(steps), env(s));
    expect(out.verdict).toBe('fail');
    expect(out.message).toBe('after NOOP: expected no reply for 300 ms, got 250 Extra');
  });

  it('fails when the server does not close after QUIT', async () => {
    const s = await serve({ answers: { QUIT: { send: '221 Bye\r\n' } } });
    const steps: Step[] = [
      { kind: 'send', line: 'QUIT', expect: { codes: [221] } },
      { kind: 'expectClose', timeoutMs: 300 },
    ];
    const out = await runCase(scenario(steps), env(s));
    expect(out).toMatchObject({
      verdict: 'fail',
      message: 'expected the server to close the connection within 300 ms; it stayed open',
    });
  });

  it('checks enhanced codes only when the session advertised ENHANCEDSTATUSCODES', async () => {
    const answers = { NOOP: { send: '250 Ok\r\n' } };
    const steps: Step[] = [
      { kind: 'ehlo' },
      { kind: 'send', line: 'NOOP', expect: { codes: [250], enhanced: '2.0.x' } },
    ];
    const plain = await serve({ answers });
    expect((await runCase(scenario(steps), env(plain))).verdict).toBe('pass');
    await plain.stop();
    server = await startScriptedServer({
      onLine: (line) =>
        line.startsWith('EHLO')
          ? { send: '250-scripted.test\r\n250 ENHANCEDSTATUSCODES\r\n' }
          : ((answers as Record<string, ScriptAction>)[line] ?? standardReply(line)),
    });
    const out = await runCase(scenario(steps), env(server));
    expect(out.verdict).toBe('fail');
    expect(out.message).toBe(
      'reply to NOOP: expected enhanced status code 2.0.x (RFC 2034 §3), got none: 250 Ok',
    );
  });

  it('sends raw parts as separate writes and notes them in the transcript', async () => {
    const s = await serve({});
    const steps: Step[] = [
      {
        kind: 'sendRaw',
        parts: ['NO', 'OP\r\n'],
        pauseMs: 20,
        note: 'NOOP split in two writes',
        expect: { codes: [250] },
      },
    ];
    const out = await runCase(scenario(steps), env(s));
    expect(out.verdict).toBe('pass');
    const text = renderTranscript(out.transcript);
    expect(text).toContain('note NOOP split in two writes');
    expect(text).toMatch(/C: NO\n.*C: OP\\r\\n/s);
  });

  // Why these two? An early talker's command goes out before the greeting is read, so the
  // greeting step must read the first reply and the command's reply must come after it.
  const EARLY_NOOP: Step[] = [
    { kind: 'send', line: 'NOOP', noReply: true },
    { kind: 'greeting', expect: { role: 'check', codes: [220, 554] } },
    { kind: 'expectReply', expect: { codes: [250] } },
  ];

  it('sends before reading the greeting when the greeting step comes later', async () => {
    const s = await serve({
      greeting: null,
      answers: { NOOP: { send: '220 scripted.test ESMTP\r\n250 Ok\r\n' } },
    });
    const out = await runCase(scenario(EARLY_NOOP), env(s));
    expect(out.verdict).toBe('pass');
    expect(renderTranscript(out.transcript)).toMatch(/C: NOOP\\r\\n\n.*S: 220 .*\n.*S: 250 Ok/s);
  });

  it('flags a server whose first reply to an early talker is not a greeting', async () => {
    const s = await serve({
      greeting: null,
      answers: { NOOP: { send: '250 Ok\r\n220 scripted.test ESMTP\r\n' } },
    });
    const out = await runCase(scenario(EARLY_NOOP), env(s));
    // 250 is no greeting code of RFC 5321 §4.3.2, a table §4.3.1 makes a SHOULD.
    expect(out.verdict).toBe('warn');
    expect(out.message).toContain('greeting: expected 220 or 554');
  });

  it('chops raw bytes into writes of the given size, templates filled in first', async () => {
    const s = await serve({});
    const steps: Step[] = [
      {
        kind: 'sendRaw',
        bytes: 'RCPT TO:<{{rcpt}}>\r\n',
        chop: 4,
        pauseMs: 1,
        note: 'RCPT in writes of four octets',
        expect: { codes: [250] },
      },
    ];
    const out = await runCase(scenario(steps), env(s));
    expect(out.verdict).toBe('pass');
    const writes = renderTranscript(out.transcript)
      .split('\n')
      .filter((l) => l.includes('] C: '))
      .map((l) => l.slice(l.indexOf('C: ') + 3));
    expect(writes).toEqual(['RCPT', ' TO:', '<ali', 'ce@s', 'mtps', 'pec.', 'test', '>\\r\\n']);
  });

  it('ends the case as an error when chopped bytes would need too many writes', async () => {
    const s = await serve({});
    const steps: Step[] = [
      { kind: 'sendRaw', bytes: `NOOP ${'x'.repeat(5000)}\r\n`, chop: 1, note: 'too many writes' },
    ];
    const out = await runCase(scenario(steps), env(s));
    expect(out.verdict).toBe('error');
    expect(out.message).toMatch(/^cannot send too many writes: chop: .* more than 4096$/);
  });

  it('goes on only when EHLO lists a required keyword with exactly the parameters asked for', async () => {
    const ehloWith = (size: string) =>
      serve({
        onLine: (line) =>
          line.startsWith('EHLO')
            ? { send: `250-scripted.test\r\n250 ${size}\r\n` }
            : standardReply(line),
      });
    const steps: Step[] = [
      { kind: 'ehlo', requires: ['SIZE 0'] },
      { kind: 'send', line: 'NOOP' },
    ];
    const skipped = await runCase(scenario(steps), env(await ehloWith('SIZE 1000')));
    expect(skipped).toMatchObject({
      verdict: 'skip',
      message: 'precondition: this EHLO reply does not advertise SIZE 0',
    });
    await server?.stop();
    const ran = await runCase(scenario(steps), env(await ehloWith('SIZE 0')));
    expect(ran.verdict).toBe('pass');
  });

  it('pads a message past the advertised SIZE limit, or skips without a limit to exceed', async () => {
    let received = 0;
    let lines = 0;
    const withSize = (size: string) =>
      serve({
        onLine: (line) =>
          line.startsWith('EHLO')
            ? { send: `250-scripted.test\r\n250 ${size}\r\n` }
            : standardReply(line),
        onData: (content) => {
          received = content.length + 2;
          lines = content.split('\r\n').length;
          return { send: '552 Too big\r\n' };
        },
      });
    const steps: Step[] = [
      { kind: 'ehlo' },
      { kind: 'send', line: 'MAIL FROM:<{{from}}>' },
      { kind: 'send', line: 'RCPT TO:<{{rcpt}}>' },
      { kind: 'send', line: 'DATA', expect: { codes: [354] } },
      {
        kind: 'message',
        content: 'Subject: big\r\n\r\n',
        exceedAdvertisedSize: true,
        expect: { codes: [552] },
      },
    ];
    const out = await runCase(scenario(steps), env(await withSize('SIZE 5000')));
    expect(out.verdict).toBe('pass');
    // Over the limit even for a server that counts each line end as one octet.
    expect(received - lines).toBeGreaterThan(5000);
    expect(received).toBeLessThan(5000 + 2 * 1000);
    await server?.stop();
    const none = await runCase(scenario(steps), env(await withSize('SIZE')));
    expect(none).toMatchObject({
      verdict: 'skip',
      message: 'precondition: the EHLO reply advertises no positive SIZE limit to exceed',
    });
  });
});
