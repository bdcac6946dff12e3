import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MemoryMessageStore } from '../../reference-server/message-store.ts';
import { connectClient, octets, withTimeout } from '../../reference-server/testing/test-server.ts';
import { UsageError } from '../errors.ts';
import { parseServeArgs, serveMain } from './serve-command.ts';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Resolves with the first line written to `out` matching the listening message. */
async function listeningPort(text: () => string): Promise<number> {
  return withTimeout(
    (async () => {
      for (;;) {
        const m = /listening on 127\.0\.0\.1:(\d+)\n/.exec(text());
        if (m) return Number(m[1]);
        await new Promise((r) => setTimeout(r, 10));
      }
    })(),
    10_000,
    'listening line',
  );
}

describe('parseServeArgs', () => {
  it('reads the flags in both spellings', () => {
    expect(parseServeArgs(['--port', '25', '--host=::1', '--config', 'a.yaml'])).toEqual({
      port: 25,
      host: '::1',
      config: 'a.yaml',
    });
  });

  it.each([[['--port', '99999']], [['--port']], [['--verbose']], [['--port', 'x']]])(
    'rejects %j',
    (argv) => {
      expect(() => parseServeArgs(argv)).toThrow(UsageError);
    },
  );
});

describe('serveMain', () => {
  it('prints the address, serves, logs JSON lines and stops on abort with 0', async () => {
    const out = capture();
    const err = capture();
    const controller = new AbortController();
    onTestFinished(() => controller.abort());
    const store = new MemoryMessageStore();
    let backendStopped = false;
    const exit = serveMain(['--port', '0', '--host', '127.0.0.1'], {
      stdout: out.stream,
      stderr: err.stream,
      signal: controller.signal,
      createBackend: async () => ({
        store,
        stop: async () => {
          backendStopped = true;
        },
      }),
    });
    const port = await listeningPort(out.text);
    const client = await connectClient({ host: '127.0.0.1', port });
    expect((await client.readReply()).code).toBe(220);
    await client.command('QUIT');
    controller.abort();
    expect(await exit).toBe(0);
    expect(backendStopped).toBe(true);
    const records = err
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(
      records.every(
        (r) =>
          typeof r.time === 'string' && typeof r.level === 'string' && typeof r.event === 'string',
      ),
    ).toBe(true);
    expect(records.some((r) => r.event === 'session.open' && typeof r.session === 'string')).toBe(
      true,
    );
  });

  it.each([
    [['--bogus'], "unknown option '--bogus'"],
    [['--config', '/nonexistent/smtpspec.yaml'], 'cannot read /nonexistent/smtpspec.yaml'],
  ])('exits 2 with one line for %j', async (argv, words) => {
    const err = capture();
    expect(await serveMain(argv, { stdout: capture().stream, stderr: err.stream })).toBe(2);
    expect(err.text()).toContain(words);
    expect(err.text().trim().split('\n')).toHaveLength(1);
  });

  // Why this test? The real entry must stop on SIGTERM, exit 0 and keep the mail it
  // accepted in the durable queue below dataDir (design.md: serve).
  it('stops on SIGTERM in a real process, keeping accepted mail on disk', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'smtpspec-serve-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    const configFile = join(dataDir, 'mta.yaml');
    await writeFile(configFile, `dataDir: ${JSON.stringify(dataDir)}\nlisten: { port: 0 }\n`);
    const bin = fileURLToPath(new URL('./serve-bin.ts', import.meta.url));
    const child = spawn(process.execPath, [bin, '--config', configFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      child.kill('SIGKILL');
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    const port = await listeningPort(() => Buffer.concat(chunks).toString());
    const client = await connectClient({ host: '127.0.0.1', port });
    expect((await client.readReply()).code).toBe(220);
    await client.sendRaw(
      octets(
        'EHLO client.example\r\nMAIL FROM:<s@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\nDATA\r\n',
      ),
    );
    for (const code of [250, 250, 250, 354]) expect((await client.readReply()).code).toBe(code);
    await client.sendRaw(octets('Subject: kept\r\n\r\nx\r\n.\r\n'));
    expect((await client.readReply()).code).toBe(250);
    child.kill('SIGTERM');
    expect((await client.readReply()).code).toBe(421);
    expect(await withTimeout(exited, 10_000, 'exit after SIGTERM')).toBe(0);
    const written = await readdir(dataDir, { recursive: true });
    expect(written.some((name) => name.startsWith('spool') || name.startsWith('maildir'))).toBe(
      true,
    );
  });
});
