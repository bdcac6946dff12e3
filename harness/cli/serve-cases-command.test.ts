// Why this test? `smtpspec serve-cases` is scripted by CI like `run`: the same
// results.json, transcripts and exit codes (0 clean, 1 a fail, 2 bad usage).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { RunReport } from '../scenario/results.ts';
import { runCli } from './testing/spawn-cli.ts';

const CLIENT = fileURLToPath(new URL('../clientmode/testing/test-client.ts', import.meta.url));
const CMD = `'${process.execPath}' '${CLIENT}' {host} {port}`;

async function outDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'smtpspec-serve-cases-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('smtpspec serve-cases', () => {
  it.each([
    [[], 'needs --client-cmd'],
    [['--client-cmd', 'client {host}'], 'must contain {port}'],
    [['--client-cmd', "client 'x {port}"], 'quote is not closed'],
    [['--client-cmd', 'client {port}', '--case', 'rfc5321/4.4/relay-*'], 'no client case selected'],
  ])('%j is a usage error', async (args, message) => {
    const run = await runCli(['serve-cases', ...args, '--reporter', 'console']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('writes results.json and transcripts; exit 0 for a conformant client, 1 for a failing one', async () => {
    const out = await outDir();
    const ok = await runCli(
      [
        'serve-cases',
        '--client-cmd',
        CMD,
        '--case',
        'rfc5321/4.5.2/client-*',
        '--reporter',
        'json',
        '--out',
        out,
      ],
      { timeoutMs: 60_000 },
    );
    expect(ok.code).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunReport;
    expect(report.results.map((r) => [r.id, r.verdict])).toEqual([
      ['rfc5321/4.5.2/client-dot-stuffs', 'pass'],
    ]);
    expect(report.target.address).toContain('test-client.ts');
    const transcript = await readFile(
      join(out, 'transcripts/rfc5321/4.5.2/client-dot-stuffs.txt'),
      'utf8',
    );
    expect(transcript).toMatch(/conn#1 S: 220 serve\.smtpspec\.test/);
    const bad = await runCli(
      [
        'serve-cases',
        '--client-cmd',
        `${CMD} no-dot-stuffing`,
        '--case',
        'rfc5321/4.5.2/client-*',
        '--reporter',
        'console',
        '--out',
        out,
      ],
      { timeoutMs: 60_000 },
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('was not dot-stuffed');
  }, 120_000);
});
