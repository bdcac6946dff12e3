// Why these tests? The exit status and the one-line errors are the CLI's contract with CI
// scripts (design.md), so they are checked on a real child process, not by calling main().
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMta, type TestMta } from '../../fixtures/test-mta/test-mta.ts';
import type { CliIo } from './io.ts';
import { main } from './main.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
let server: TestMta;

function suiteFile(
  name: string,
  expectCodes: (number | string)[],
  level = 'MUST',
): Promise<string> {
  const path = join(dir, name);
  const scenario = {
    id: 'cli/1/noop',
    title: 'NOOP gets a reply',
    spec: 'RFC 5321',
    section: '1',
    level,
    requirements: [],
    steps: [{ kind: 'send', line: 'NOOP', expect: { codes: expectCodes } }],
  };
  return writeFile(path, JSON.stringify([scenario])).then(() => path);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smtpspec-cli-'));
  server = await startTestMta();
});

afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

function target(): string {
  return `127.0.0.1:${server.address().port}`;
}

describe('smtpspec CLI', () => {
  it('runs on Node 24', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it('prints its version and exits 0', async () => {
    const ran = await cli(['--version']);
    expect(ran).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^smtpspec \d+\.\d+\.\d+\n$/),
    });
  });

  it.each([
    [['frobnicate'], "smtpspec: unknown command 'frobnicate' (see smtpspec --help)"],
    [['run', '--concurrency', '0'], 'smtpspec: --concurrency: expected an integer from 1 to 64'],
    [['run', '--target', '[::1]'], "smtpspec: --target '[::1]': expected [IPV6]:PORT"],
    [['run', '--bogus'], "smtpspec: unknown option '--bogus' (see smtpspec run --help)"],
    [
      ['run', '--reporters', 'json'],
      "smtpspec: unknown option '--reporters'; did you mean --reporter? (see smtpspec run --help)",
    ],
    [['lsit'], "smtpspec: unknown command 'lsit'; did you mean list? (see smtpspec --help)"],
    [['run', '--out'], 'smtpspec: --out needs a value (DIR) (see smtpspec run --help)'],
    [['list', '--json=yes'], 'smtpspec: --json takes no value (see smtpspec list --help)'],
    [['replay'], 'smtpspec: expected one FILE, got 0 (see smtpspec replay --help)'],
    [['serve', 'extra'], "smtpspec: unexpected argument 'extra' (see smtpspec serve --help)"],
    [['list', 'no-such-prefix'], "smtpspec: no case id starts with 'no-such-prefix'"],
    [['run', '--reporter', 'xml'], 'smtpspec: --reporter: unknown reporter "xml"'],
  ])('exits 2 with one line for bad usage: %j', async (args, line) => {
    const ran = await cli(args);
    expect(ran.code).toBe(2);
    expect(ran.stderr.startsWith(line)).toBe(true);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 naming the bad field of a user suite file', async () => {
    const path = await suiteFile('bad.json', ['2x']);
    const ran = await cli(['list', '--suite', path]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      `smtpspec: ${path}: [0].steps[0].expect.codes[0]: expected a code like 250 or '5xx', got "2x"\n`,
    );
  });

  it('exits 0 when every case passes, writing the reports', async () => {
    const out = join(dir, 'pass');
    const path = await suiteFile('pass.json', [250]);
    const ran = await cli(['run', '--target', target(), '--suite', path, '--out', out]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('1 case: 1 pass, 0 fail');
    // The reference MTA serves smtpspec.test, not its host name: discovery goes up a level.
    expect(ran.stdout).toContain('note: no --rcpt given: using postmaster@smtpspec.test,');
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(results.results[0]).toMatchObject({ id: 'cli/1/noop', verdict: 'pass' });
    expect(existsSync(join(out, 'transcripts/cli/1/noop.txt'))).toBe(true);
    expect(existsSync(join(out, 'junit.xml'))).toBe(true);
  });

  it('exits 1 when a case fails', async () => {
    const path = await suiteFile('fail.json', [500]);
    const ran = await cli([
      'run',
      '--target',
      target(),
      '--suite',
      path,
      '--out',
      join(dir, 'fail'),
    ]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('reply to NOOP: expected 500, got 250 2.0.0 OK');
  });

  it('exits 1 on a warn only with --strict', async () => {
    const path = await suiteFile('warn.json', [500], 'SHOULD');
    const base = ['run', '--target', target(), '--suite', path, '--reporter', 'json'];
    expect((await cli([...base, '--out', join(dir, 'w1')])).code).toBe(0);
    expect((await cli([...base, '--out', join(dir, 'w2'), '--strict'])).code).toBe(1);
  });

  // Why this test? issue 17: a refused target used to print an error per case (1,596
  // lines) and exit 1; it is one line and exit 2 now, and no case is run.
  it('exits 2 with one line when the target refuses at start, and still writes reports', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const out = join(dir, 'refused');
    const path = await suiteFile('refused.json', [250]);
    const ran = await cli(['run', '--target', `127.0.0.1:${port}`, '--suite', path, '--out', out]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toBe(
      `smtpspec: target unavailable: cannot connect to 127.0.0.1:${port}: ECONNREFUSED; no case was run\n`,
    );
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(results.summary).toMatchObject({ error: 1, pass: 0 });
    expect(results.results[0].message).toMatch(/^target unavailable: cannot connect/);
  });

  it.each([
    ['a path below a regular file', () => join(dir, 'pass.json', 'reports')],
    // The example: Node's recursive mkdir never returns for it.
    ['/proc/nope', () => '/proc/nope'],
  ])('refuses an --out that cannot be written (%s) before running anything', async (_, out) => {
    await suiteFile('pass.json', [250]);
    const started = performance.now();
    const ran = await cli(['run', '--target', target(), '--out', out()]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(
      new RegExp(
        `^smtpspec: the report directory ${out()} cannot be written \\(E[A-Z]+: [^\\n]*\\)\\n$`,
      ),
    );
    expect(ran.stdout).toBe('');
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  // Why this test? issue 17: a Ctrl-C'd run wrote no report. Now the finished cases are
  // reported, the others are absent, and results.json says it was interrupted.
  it('writes the report of the finished cases on SIGINT, exit 130', async () => {
    const path = join(dir, 'interrupt.json');
    const noop = { kind: 'send', line: 'NOOP', expect: { codes: [250] } };
    const scenario = (slug: string, steps: unknown[]) => ({
      id: `cli/1/${slug}`,
      title: slug,
      spec: 'RFC 5321',
      section: '1',
      level: 'MUST',
      requirements: [],
      steps,
    });
    await writeFile(
      path,
      JSON.stringify([scenario('a', [noop]), scenario('b', [{ kind: 'pause', ms: 60_000 }])]),
    );
    const out = join(dir, 'interrupt');
    const before = server.connections;
    const args = [
      'run',
      '--target',
      target(),
      '--suite',
      path,
      '--out',
      out,
      '--rcpt',
      'alice@smtpspec.test',
    ];
    const child = spawn(process.execPath, [MAIN, ...args, '--concurrency', '1'], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    // The probe, case a, then case b's connection: a has finished when b connects.
    for (let i = 0; i < 300 && server.connections < before + 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(timer);
    expect(code).toBe(130);
    expect(stderr).toContain(
      `smtpspec: interrupted (SIGINT): the reports of the 1 case that finished are in ${out}`,
    );
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(results.interrupted).toEqual({ reason: 'interrupted by SIGINT', selected: 2 });
    expect(results.results.map((r: { id: string }) => r.id)).toEqual(['cli/1/a']);
    expect(results.summary).toMatchObject({ pass: 1, error: 0 });
  }, 60_000);

  // Why this test? An internal error (a bug) must not flood a CI log: one line, exit 2,
  // and the stack only when asked for with --verbose.
  it.each([
    [[], 1],
    [['--verbose'], 2],
  ])(
    'reports an internal error in one line, the stack only with --verbose (%j)',
    async (extra, minLines) => {
      const path = await suiteFile('internal.json', [250]);
      let err = '';
      const io: CliIo = {
        stdout: () => {
          throw new TypeError('boom in a renderer');
        },
        stderr: (text) => {
          err += text;
        },
        stderrIsTty: false,
        color: false,
      };
      const args = ['run', '--target', target(), '--suite', path, '--out', join(dir, 'internal')];
      expect(await main([...args, ...extra], io)).toBe(2);
      const lines = err.trim().split('\n');
      expect(lines[0]).toBe(
        'smtpspec: internal error: boom in a renderer (this is a bug in smtpspec; --verbose shows where)',
      );
      expect(lines.length === 1).toBe(minLines === 1);
      if (minLines > 1) expect(lines[1]).toBe('TypeError: boom in a renderer');
    },
  );
});
