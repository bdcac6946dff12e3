// Why this test? Client-conformance mode must tell a good SMTP client from a bad one by
// the wire alone: a conformant client of our own (the harness's client session driven by
// a tiny script) passes every client case, and each defect planted in it is caught by the
// case named for it, with the verdict its rule's level gives. The command is split
// without a shell, so nothing in it (or in {host}/{port}) can run a second command.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectScenarios, loadBuiltInGroups, loadRegister } from '../scenario/load.ts';
import type { Requirement, Scenario } from '../scenario/types.ts';
import { fillCommand, runClientCommand, splitCommand } from './command.ts';
import { runClientCases } from './run.ts';
import type { TestClientDefect } from './testing/test-client.ts';

const CLIENT = fileURLToPath(new URL('./testing/test-client.ts', import.meta.url));

let cases: Scenario[];
let register: Requirement[];

beforeAll(async () => {
  cases = collectScenarios(await loadBuiltInGroups()).filter((s) => s.client !== undefined);
  register = await loadRegister();
});

function command(defect?: TestClientDefect): string[] {
  return [process.execPath, CLIENT, '{host}', '{port}', ...(defect ? [defect] : [])];
}

describe('splitting --client-cmd', () => {
  it.each([
    ['swaks --server {host}:{port}', ['swaks', '--server', '{host}:{port}']],
    [`sh -c 'echo "a b" | cat'  x`, ['sh', '-c', 'echo "a b" | cat', 'x']],
    ['a "b \\" c" d\\ e', ['a', 'b " c', 'd e']],
    ['a "" b', ['a', '', 'b']],
  ])('%s', (text, argv) => {
    expect(splitCommand(text)).toEqual(argv);
  });

  it('fills {host} and {port} after splitting, so a value never becomes another word', () => {
    expect(fillCommand(['c', '--to={host};{port}'], '127.0.0.1', 2525)).toEqual([
      'c',
      '--to=127.0.0.1;2525',
    ]);
  });

  it.each([
    ["a 'b", "the ' quote is not closed"],
    ['   ', 'empty command'],
  ])('%j is a usage error', (text, message) => {
    expect(() => splitCommand(text)).toThrow(message);
  });

  it('needs {port}', () => {
    expect(() => fillCommand(['client', '{host}'], 'h', 1)).toThrow('{port}');
  });

  it('kills a command that runs too long and records how it ended', async () => {
    const run = await runClientCommand(
      [process.execPath, '-e', 'setTimeout(() => {}, 60000)'],
      300,
    );
    expect(run.timedOut).toBe(true);
    expect(run.exitCode).toBeNull();
    const missing = await runClientCommand(['/nonexistent/smtp-client'], 1000);
    expect(missing.startError).toContain('ENOENT');
  });
});

describe('serve-cases with the test client', () => {
  it('the conformant client passes every client case', async () => {
    const out = await runClientCases({
      command: command(),
      scenarios: cases,
      register,
      concurrency: 4,
      clientTimeoutMs: 20_000,
    });
    const problems = out.report.results
      .filter(
        (r) => r.verdict !== 'pass' && !(r.verdict === 'skip' && r.message.startsWith('slow case')),
      )
      .map((r) => `${r.id}: ${r.verdict} ${r.message}`);
    expect(problems).toEqual([]);
    expect(out.report.results.length).toBeGreaterThanOrEqual(20);
    const transcript = out.transcripts.get('rfc5321/4.5.2/client-dot-stuffs')?.text ?? '';
    expect(transcript).toMatch(/conn#1 C: .*\\r\\n\.\.\\r\\n\.\.leading dot/);
    expect(transcript).toContain('the client command exited with status 0');
    expect(out.report.coverage?.totals.covered).toBeGreaterThan(0);
  }, 120_000);

  it.each<[TestClientDefect, string, 'fail' | 'warn']>([
    ['talks-before-greeting', 'rfc5321/4.3.1/client-waits-for-greeting', 'warn'],
    ['helo-first', 'rfc5321/4.1.1.1/client-ehlo-first', 'warn'],
    ['no-helo-fallback', 'rfc5321/3.2/client-helo-after-502', 'warn'],
    ['no-quit-after-554', 'rfc5321/4.1.4/client-quits-after-554-greeting', 'warn'],
    ['pipelines-always', 'rfc5321/4.3.1/client-waits-without-pipelining', 'fail'],
    ['size-always', 'rfc5321/4.1.1.3/client-sends-only-offered-parameters', 'fail'],
    ['data-after-refused-rcpt', 'rfc5321/3.3/client-no-data-after-refused-rcpt', 'fail'],
    ['no-dot-stuffing', 'rfc5321/4.5.2/client-dot-stuffs', 'fail'],
    ['bare-lf', 'rfc5321/2.3.8/client-sends-crlf-only', 'fail'],
    ['no-quit', 'rfc5321/4.1.1.10/client-ends-with-quit', 'fail'],
    ['takes-injected-reply', 'rfc3207/4.2/client-discards-injected-reply', 'fail'],
    ['exact-250-only', 'rfc5321/4.2/client-unknown-2xx-code', 'fail'],
    ['needs-reply-text', 'rfc5321/4.2/client-bare-reply-codes', 'fail'],
    ['one-line-greeting-only', 'rfc5321/4.2/client-multiline-greeting', 'fail'],
  ])(
    'the defect %s is caught by %s (%s)',
    async (defect, id, verdict) => {
      const scenario = cases.find((s) => s.id === id);
      expect(scenario, id).toBeDefined();
      const out = await runClientCases({
        command: command(defect),
        scenarios: [scenario as Scenario],
        register,
        clientTimeoutMs: 20_000,
      });
      const result = out.report.results[0];
      expect(`${result?.verdict}: ${result?.message}`).toMatch(new RegExp(`^${verdict}: `));
    },
    60_000,
  );
});
