// Why these tests? The line before a run against someone else's server must be true: what
// counts as "this machine" is decided without any lookup, and the counts come from the
// cases themselves.
import { describe, expect, it } from 'vitest';
import { listScenarios } from '../api.ts';
import type { TemplateValues } from '../scenario/templates.ts';
import { describeSendPlan, isLoopbackHost, sendPlanOf } from './send-plan.ts';

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['mx.localhost', true],
    ['LOCALHOST.', true],
    ['192.0.2.1', false],
    ['10.0.0.1', false],
    ['::2', false],
    ['::ffff:192.0.2.1', false],
    ['mx.example.test', false],
    ['localhost.example.test', false],
  ])('%s: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('what a run sends', () => {
  it('counts messages and probes of the built-in cases', async () => {
    const scenarios = await listScenarios();
    const plan = sendPlanOf(scenarios, false);
    expect(plan.cases).toBe(scenarios.filter((s) => s.slow !== true).length);
    expect(plan.messages).toBeGreaterThan(20);
    expect(plan.relayProbes).toBeGreaterThan(5);
    // The eight end-of-data variants of RFC 5321 §4.1.1.4, at least.
    expect(plan.smugglingProbes).toBeGreaterThanOrEqual(8);
    expect(plan.injectionProbes).toBeGreaterThanOrEqual(1);
    expect(sendPlanOf(scenarios, true).cases).toBe(scenarios.length);
  });

  it('says it in one line, naming the recipients and the foreign domain', async () => {
    const scenarios = await listScenarios({
      suites: ['rfc5321/4.1.1.4', 'rfc3207', 'rfc5321/3.6'],
    });
    const values = {
      rcpt: 'alice@example.test',
      rcpt2: 'bob@example.test',
      foreignDomain: 'foreign.example',
    } as TemplateValues;
    const line = describeSendPlan(scenarios, values, '192.0.2.1:25');
    const plan = sendPlanOf(scenarios, false);
    const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
    expect(plan.relayProbes).toBeGreaterThan(0);
    expect(line).toBe(
      `192.0.2.1:25 is not on this machine: the run sends up to ${n(plan.messages, 'message')} to alice@example.test and bob@example.test, ${n(plan.relayProbes, 'relay probe')} to foreign.example, ${n(plan.smugglingProbes, 'SMTP smuggling probe')} and ${n(plan.injectionProbes, 'STARTTLS injection probe')} (${n(plan.cases, 'case')})`,
    );
    expect(line).not.toContain('\n');
  });
});
