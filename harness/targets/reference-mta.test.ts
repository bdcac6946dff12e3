// Why this test? It is the end-to-end proof for the bundled reference MTA as users get it
// in a container: the image builds from our own sources, `smtpspec run` certifies it over
// a real network hop (no fail, no error), and accepted mail lands durably in its Maildir.
// Where CI expects Docker (SMTPSPEC_REQUIRE_DOCKER=1) it must fail, never skip.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpClientSession } from '../client/index.ts';
import { Transcript } from '../transcript/index.ts';
import { dockerAvailability, dockerRequired } from './docker-available.ts';
import {
  REFERENCE_MTA_DOMAIN,
  REFERENCE_MTA_IMAGE,
  REFERENCE_MTA_PORT,
  referenceMtaContainer,
  referenceMtaMaildir,
} from './reference-mta.ts';
import type { StartedSmtpContainer } from './smtp-container.ts';

const docker = await dockerAvailability();
const runContainerTests = docker.available || dockerRequired;
const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');

describe.runIf(runContainerTests)('reference MTA in a container', () => {
  let mta: StartedSmtpContainer;
  let outDir: string;

  beforeAll(async () => {
    if (!docker.available) {
      throw new Error(`Docker is required here (SMTPSPEC_REQUIRE_DOCKER=1) but: ${docker.reason}`);
    }
    outDir = await mkdtemp(join(tmpdir(), 'smtpspec-reference-mta-run-'));
    // The first build stages ~180 MB and takes about a minute; later runs reuse the image.
    mta = await (await referenceMtaContainer()).start();
  }, 300_000);

  afterAll(async () => {
    await mta?.stop({ removeVolumes: true });
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('is certified by `smtpspec run --target`: exit 0, no fail and no error', async () => {
    const run = await runCli(
      [
        'run',
        '--target',
        mta.getSmtpAddress(),
        '--rcpt',
        `alice@${REFERENCE_MTA_DOMAIN}`,
        '--rcpt2',
        `bob@${REFERENCE_MTA_DOMAIN}`,
        '--out',
        outDir,
        '--reporter',
        'json',
      ],
      150_000,
    );
    const report = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8')) as Report;
    const broken = report.results
      .filter((r) => r.verdict === 'fail' || r.verdict === 'error')
      .map((r) => `${r.id}: ${r.verdict}: ${r.message}`);
    expect(broken, run.stderr).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    expect(report.target.address).toBe(mta.getSmtpAddress());
    expect(report.target.greeting).toMatch(/^220 mx\.smtpspec\.test /);
    // A run that judged almost nothing would also have no failures.
    expect(report.summary.pass).toBeGreaterThan(100);
  }, 180_000);

  // issue 17: without --port, the image's one exposed port (2525 here), not 25.
  it('is started by `smtpspec run --container` on the one port its image exposes', async () => {
    const out = join(outDir, 'container');
    const run = await runCli(
      [
        'run',
        'rfc5321/4.1.1.1',
        '--container',
        REFERENCE_MTA_IMAGE,
        '--out',
        out,
        '--reporter',
        'json',
      ],
      150_000,
    );
    expect(run.stderr).toContain(
      `smtpspec: port ${REFERENCE_MTA_PORT}: the one port ${REFERENCE_MTA_IMAGE} exposes (--port picks another)`,
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as Report;
    expect(report.summary.pass).toBeGreaterThan(0);
  }, 180_000);

  it('accepts a message and delivers it, unstuffed, into the Maildir on the volume', async () => {
    const session = await SmtpClientSession.connect({
      host: mta.getSmtpHost(),
      port: mta.getSmtpPort(),
      replyTimeoutMs: 10_000,
      transcript: new Transcript({ label: 'reference-mta/delivery' }),
    });
    expect((await session.readReply({ what: 'greeting' })).code).toBe(220);
    expect((await session.command('EHLO client.smtpspec.test')).code).toBe(250);
    expect((await session.command('MAIL FROM:<sender@client.smtpspec.test>')).code).toBe(250);
    expect((await session.command(`RCPT TO:<alice@${REFERENCE_MTA_DOMAIN}>`)).code).toBe(250);
    expect((await session.command('DATA')).code).toBe(354);
    const marker = `smtpspec-${Date.now()}`;
    const content = ['Subject: ' + marker, '', '.leading dot', '..two dots', 'end', ''];
    await session.sendMessage(Buffer.from(content.join('\r\n'), 'latin1'));
    const accepted = await session.readReply({ what: 'reply to end of data' });
    expect(accepted.code).toBe(250);
    expect((await session.command('QUIT')).code).toBe(221);
    await session.close();

    const delivered = await waitForMaildirFile(mta, 'alice', marker);
    expect(delivered).toMatch(/^Return-Path: <sender@client\.smtpspec\.test>\r?\n/);
    expect(delivered).toMatch(/\nReceived: from client\.smtpspec\.test /);
    expect(delivered).toContain('\r\n.leading dot\r\n..two dots\r\nend\r\n');
  }, 60_000);

  it('refuses to relay for a client on the Docker network', async () => {
    const session = await SmtpClientSession.connect({
      host: mta.getSmtpHost(),
      port: mta.getSmtpPort(),
      replyTimeoutMs: 10_000,
    });
    expect((await session.readReply()).code).toBe(220);
    expect((await session.command('EHLO client.smtpspec.test')).code).toBe(250);
    expect((await session.command('MAIL FROM:<sender@client.smtpspec.test>')).code).toBe(250);
    const relay = await session.command('RCPT TO:<victim@foreign.smtpspec.example>');
    expect(Math.floor(relay.code / 100)).toBe(5);
    expect(relay.enhanced?.text).toMatch(/^5\.7\./);
    await session.close();
  }, 30_000);

  it('stops gracefully on SIGTERM (exit status 0, no SIGKILL needed)', async () => {
    const started = Date.now();
    const stopped = await mta.stop({ timeout: 10_000, remove: false });
    expect(Date.now() - started).toBeLessThan(9_000);
    const { getContainerRuntimeClient } = await import('testcontainers');
    const client = await getContainerRuntimeClient();
    const info = await client.container.dockerode.getContainer(stopped.getId()).inspect();
    expect(info.State.ExitCode).toBe(0);
    await client.container.dockerode.getContainer(stopped.getId()).remove({ v: true });
  }, 30_000);
});

if (!runContainerTests) {
  describe('reference MTA in a container', () => {
    it.skip(`needs Docker (${docker.reason}); SMTPSPEC_REQUIRE_DOCKER=1 makes this a failure`, () => {});
  });
}

interface Report {
  target: { address: string; greeting: string };
  summary: Record<'pass' | 'fail' | 'warn' | 'info' | 'skip' | 'error', number>;
  results: { id: string; verdict: string; message: string }[];
}

/** Runs the CLI as a child process with the same Node binary; killed after `timeoutMs`. */
function runCli(args: string[], timeoutMs: number): Promise<{ code: number; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'harness/cli/main.ts'), ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`smtpspec run did not finish within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stderr });
    });
  });
}

/** Polls the Maildir `new/` of `user` until a file containing `marker` appears (bounded). */
async function waitForMaildirFile(
  container: StartedSmtpContainer,
  user: string,
  marker: string,
): Promise<string> {
  const dir = `${referenceMtaMaildir(user)}/new`;
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    const found = await container.exec(['grep', '-rlF', marker, dir]);
    const file = found.stdout.split('\n')[0]?.trim();
    if (found.exitCode === 0 && file) {
      const read = await container.exec(['cat', file]);
      if (read.exitCode === 0) return read.stdout;
    }
    last = found.output;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no message with ${marker} in ${dir} within 20 s (last: ${last.slice(-300)})`);
}
