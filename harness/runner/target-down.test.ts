// Why this test? design.md: "A server that stops accepting connections after a case has
// crashed: that case fails, the rest are `error` "target down", and every report says so at
// the top." A run against a server that dies on one input must show exactly one fail.
import { describe, expect, it, onTestFinished } from 'vitest';
import { startTestMta } from '../../fixtures/test-mta/test-mta.ts';
import { renderConsole } from '../../reports/console.ts';
import type { Scenario } from '../scenario/types.ts';
import { runSuite } from './run.ts';

function noop(slug: string): Scenario {
  return {
    id: `test/1/${slug}`,
    title: 'NOOP is answered',
    spec: 'RFC 5321',
    section: '1',
    level: 'MUST',
    requirements: [],
    steps: [{ kind: 'send', line: 'NOOP', expect: { codes: [250] } }],
  };
}

const longLocalPart: Scenario = {
  ...noop('a-long-local-part'),
  title: 'a 65-octet local part gets a reply',
  steps: [
    { kind: 'ehlo' },
    {
      kind: 'send',
      line: `MAIL FROM:<${'x'.repeat(65)}@client.smtpspec.test>`,
      expect: { codes: ['5xx', 250] },
    },
  ],
};

describe('a target that crashes on one input', () => {
  it('makes exactly one fail, the rest "target down", and says so at the top', async () => {
    const mta = await startTestMta({ defects: ['rfc5321-crash-on-long-local-part'] });
    onTestFinished(() => mta.stop());
    const out = await runSuite({
      target: mta.address(),
      builtIn: true,
      scenarios: [longLocalPart, noop('b-noop'), noop('c-noop')],
      concurrency: 1,
      stepTimeoutMs: 1000,
    });
    const verdicts = out.report.results.map((r) => `${r.id}: ${r.verdict}`);
    expect(verdicts).toEqual([
      'test/1/a-long-local-part: fail',
      'test/1/b-noop: error',
      'test/1/c-noop: error',
    ]);
    expect(out.report.results[0]?.message).toMatch(
      /^the server stopped accepting connections after this input: crash/,
    );
    expect(out.report.results[1]?.message).toMatch(
      /^target down since test\/1\/a-long-local-part: /,
    );
    expect(out.report.targetDown?.since).toBe('test/1/a-long-local-part');
    const top = renderConsole(out.report, { color: false }).split('\n').slice(0, 5).join('\n');
    expect(top).toContain('TARGET DOWN since test/1/a-long-local-part');
  });
});
