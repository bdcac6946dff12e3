// Why this test? Other tools script the relay flags (--relay-domain, --sink-listen,
// --relay-retry-ms), so they must work as written against a target the harness did not
// start: here the reference MTA run by `smtpspec serve`, configured as the README says to
// route relay.test to the sink. Without the flags the relay-through cases must skip and
// say how to enable them; a half-given flag pair is a usage error.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { RunReport } from '../scenario/results.ts';
import { serveMain } from './serve-command.ts';
import { runCli } from './testing/spawn-cli.ts';

/** A port nothing listens on right now (bound and released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'smtpspec-relay-flags-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `smtpspec serve` in-process with `config` (YAML); resolves with its port. */
async function serve(configYaml: string, dir: string): Promise<number> {
  const file = join(dir, 'smtpspec.yaml');
  await writeFile(file, configYaml);
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const stop = new AbortController();
  const done = serveMain(['--config', file, '--port', '0'], {
    stdout,
    stderr: new PassThrough(),
    signal: stop.signal,
  });
  onTestFinished(async () => {
    stop.abort();
    await done;
  });
  for (let i = 0; i < 500; i++) {
    const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
    if (m) return Number(m[1]);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('smtpspec serve did not start');
}

describe('the relay flags of smtpspec run', () => {
  it.each([
    [
      ['--target', '127.0.0.1:1', '--relay-domain', 'relay.test'],
      '--relay-domain needs --sink-listen',
    ],
    [['--sink-listen', '127.0.0.1:0'], '--sink-listen needs --relay-domain'],
    [
      ['--target', '127.0.0.1:1', '--relay-domain', 'no_domain', '--sink-listen', '127.0.0.1:0'],
      "--relay-domain: 'no_domain'",
    ],
    [['--target', '127.0.0.1:1', '--relay-retry-ms', '5'], '--relay-retry-ms need --relay-domain'],
    [['--relay-domain', 'relay.test', '--sink-listen', 'nowhere'], "--sink-listen 'nowhere'"],
  ])('%j is a usage error', async (args, message) => {
    const run = await runCli(['run', ...args, '--reporter', 'console']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('relay-through cases skip against a target without the flags, saying how to enable them', async () => {
    const dir = await tempDir();
    const port = await serve(`dataDir: ${join(dir, 'data')}\nlog: { level: silent }\n`, dir);
    const run = await runCli(
      [
        'run',
        '--target',
        `127.0.0.1:${port}`,
        '--rcpt',
        'alice@smtpspec.test',
        '--case',
        'rfc5321/4.4/relay-*',
        '--reporter',
        'console',
        '--verbose',
        '--out',
        join(dir, 'report'),
      ],
      { timeoutMs: 60_000 },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('give --relay-domain DOMAIN --sink-listen HOST:PORT');
  }, 90_000);

  it('judges a target that routes the relay domain to --sink-listen: every relay-through case passes', async () => {
    const dir = await tempDir();
    const sinkPort = await freePort();
    // README "Relay-through cases": the bundled MTA routes a domain to the sink like this.
    const port = await serve(
      [
        `dataDir: ${join(dir, 'data')}`,
        'relay: { domains: [relay.test] }',
        `routes: { relay.test: "127.0.0.1:${sinkPort}" }`,
        'queue: { retryBaseMs: 500, retryMaxMs: 1000 }',
        'log: { level: silent }',
        '',
      ].join('\n'),
      dir,
    );
    const out = join(dir, 'report');
    const run = await runCli(
      [
        'run',
        '--target',
        `127.0.0.1:${port}`,
        '--rcpt',
        'alice@smtpspec.test',
        '--relay-domain',
        'relay.test',
        '--sink-listen',
        `127.0.0.1:${sinkPort}`,
        '--relay-timeout-ms',
        '10000',
        '--relay-retry-ms',
        '10000',
        '--case',
        '*/relay-*',
        '--reporter',
        'json',
        '--out',
        out,
      ],
      { timeoutMs: 120_000 },
    );
    const report = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunReport;
    const notPassed = report.results.filter((r) => r.verdict !== 'pass');
    expect(notPassed.map((r) => `${r.id}: ${r.verdict} ${r.message}`)).toEqual([]);
    // The 17 relay-through cases (and any other case whose slug starts with relay-).
    expect(report.results.length).toBeGreaterThanOrEqual(17);
    expect(run.code).toBe(0);
    const transcript = await readFile(
      join(out, 'transcripts/rfc5321/4.4/relay-prepends-received.txt'),
      'utf8',
    );
    expect(transcript).toMatch(/\] sink#\d+ C: EHLO mx\.smtpspec\.test\\r\\n\n/);
    expect(transcript).toMatch(/\] sink#\d+ S: 221 /);
  }, 150_000);
});
