// Why these tests? The recipients step stands for up to a thousand RCPT commands: each one
// must go out with its own number, be judged like a send step, and the first reply that
// ends the case must stop it, without sending the rest.
import { afterEach, describe, expect, it } from 'vitest';
import {
  type RunningScriptedServer,
  standardReply,
  startScriptedServer,
} from '../client/testing/scripted-server.ts';
import type { Scenario, Step } from '../scenario/types.ts';
import { runCase } from './case-runner.ts';
import { resolveProfile } from './profile.ts';

let server: RunningScriptedServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

function scenario(steps: Step[]): Scenario {
  return {
    id: 'test/1/case',
    title: 'a case',
    spec: 'RFC 5321',
    section: '1',
    level: 'MUST',
    requirements: [],
    steps,
  };
}

async function run(steps: Step[], refuseFrom = Number.POSITIVE_INFINITY) {
  server = await startScriptedServer({
    onLine: (line) => {
      const n = Number(/smtpspec-rcpt-(\d+)@/.exec(line)?.[1] ?? 0);
      return n >= refuseFrom ? { send: '452 4.5.3 Too many recipients\r\n' } : standardReply(line);
    },
  });
  const env = {
    target: server.address,
    address: `127.0.0.1:${server.address.port}`,
    tls: 'none' as const,
    values: resolveProfile({}, { builtIn: true, serverDomain: 'scripted.test' }).values,
    probeKeywords: new Set<string>(),
    stepTimeoutMs: 1000,
    caseTimeoutMs: 10_000,
  };
  return { out: await runCase(scenario(steps), env), lines: server.lines };
}

const MAIL: Step = { kind: 'send', line: 'MAIL FROM:<{{from}}>' };

describe('the recipients step', () => {
  it('sends one RCPT per number, from the profile pattern, each judged', async () => {
    const { out, lines } = await run([
      MAIL,
      { kind: 'recipients', address: '{{rcptPattern}}', count: 3, first: 99 },
    ]);
    expect(out.verdict).toBe('pass');
    expect(lines.slice(1)).toEqual([
      'RCPT TO:<smtpspec-rcpt-99@smtpspec.test>',
      'RCPT TO:<smtpspec-rcpt-100@smtpspec.test>',
      'RCPT TO:<smtpspec-rcpt-101@smtpspec.test>',
    ]);
  });

  it('stops at the first reply outside its codes and names that recipient', async () => {
    const { out, lines } = await run(
      [
        MAIL,
        {
          kind: 'recipients',
          address: '{{rcptPattern}}',
          count: 100,
          expect: { codes: [250], because: 'within the 100 every server buffers' },
        },
      ],
      50,
    );
    expect(out.verdict).toBe('fail');
    expect(out.message).toBe(
      'reply to RCPT TO:<smtpspec-rcpt-50@smtpspec.test>: expected 250 (within the 100 every server buffers), got 452 4.5.3 Too many recipients',
    );
    expect(lines).toHaveLength(51);
  });
});
