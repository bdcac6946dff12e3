// Why this test? `--container` is how CI certifies an MTA: the proof that a real image is
// started, judged against its baseline, and always removed afterwards (also on Ctrl-C and
// when it does not start), with the container's log where a person needs it. Where CI
// expects Docker (SMTPSPEC_REQUIRE_DOCKER=1) it must fail, never skip, without Docker.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getContainerRuntimeClient } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonReport } from '../../reports/json.ts';
import { runCli } from '../cli/testing/spawn-cli.ts';
import type { RunReport } from '../scenario/results.ts';
import { startContainerTarget, TARGET_LABEL } from './container-target.ts';
import { demuxDockerLog } from './container-target-wait.ts';
import { dockerAvailability, dockerRequired } from './docker-available.ts';
import { ensureImage } from './images.ts';
import { POSTFIX_CONTEXT, POSTFIX_IMAGE } from './postfix.ts';
import { readGreeting } from './smtp-greeting-wait.ts';

const docker = await dockerAvailability();
const runContainerTests = docker.available || dockerRequired;
const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const EXAMPLE = join(repoRoot, 'fixtures/package-smoke/certify-postfix.sh');

/** The arguments of the `npx smtpspec ...` line of a README shell example. */
async function exampleArgs(file: string): Promise<string[]> {
  const text = (await readFile(file, 'utf8')).replace(/\\\n\s*/g, '');
  const line = text.split('\n').find((l) => l.startsWith('npx smtpspec '));
  if (line === undefined) throw new Error(`${file} has no 'npx smtpspec' line`);
  return line.slice('npx smtpspec '.length).trim().split(/\s+/);
}

function withOut(args: string[], out: string): string[] {
  const at = args.indexOf('--out');
  return at < 0 ? [...args, '--out', out] : args.map((a, i) => (i === at + 1 ? out : a));
}

async function report(out: string): Promise<RunReport> {
  return readJsonReport(await readFile(join(out, 'results.json'), 'utf8'));
}

/** The container id an `smtpspec run` announced on stderr. */
function announcedId(stderr: string): string {
  const id = /container ([0-9a-f]{12}) \(/.exec(stderr)?.[1];
  if (id === undefined) throw new Error(`no container announced in: ${stderr}`);
  return id;
}

async function containerExists(id: string): Promise<boolean> {
  const client = await getContainerRuntimeClient();
  return client.container.dockerode
    .getContainer(id)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

async function targetContainersOf(image: string): Promise<string[]> {
  const client = await getContainerRuntimeClient();
  const list = await client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${TARGET_LABEL}=true`], ancestor: [image] },
  });
  return list.map((c) => c.Id);
}

describe('demuxDockerLog', () => {
  it('joins the payloads of Docker log frames, and passes other text through', () => {
    const frame = (type: number, text: string) => {
      const body = Buffer.from(text);
      const head = Buffer.from([type, 0, 0, 0, 0, 0, 0, 0]);
      head.writeUInt32BE(body.length, 4);
      return Buffer.concat([head, body]);
    };
    expect(demuxDockerLog(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')]))).toBe(
      'out\nerr\n',
    );
    expect(demuxDockerLog(Buffer.from('plain tty text\n'))).toBe('plain tty text\n');
  });
});

describe('smtpspec run --container without Docker', () => {
  it('exits 2 with one line when Docker is unreachable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'smtpspec-nodocker-'));
    try {
      const ran = await runCli(
        [
          'run',
          'rfc5321/4.1.1.1',
          '--container',
          'smtpspec/postfix:3.7',
          '--out',
          dir,
          '--reporter',
          'json',
        ],
        { env: { DOCKER_HOST: 'tcp://127.0.0.1:1' }, timeoutMs: 60_000 },
      );
      expect(ran.code).toBe(2);
      const [line, ...rest] = ran.stderr.trim().split('\n');
      expect(line).toBe(
        'smtpspec: container smtpspec/postfix:3.7 did not start: Docker is not reachable (Could not find a working container runtime strategy)',
      );
      expect(rest).toEqual([`reports (every case an error) in ${dir}`]);
      const written = await report(dir);
      expect(written.summary.error).toBe(written.results.length);
      expect(written.target.image).toBe('smtpspec/postfix:3.7');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('smtpspec run --dockerfile with a bad path', () => {
  it('exits 2 with one line before talking to Docker', async () => {
    const missing = join(tmpdir(), 'smtpspec-no-such-context');
    const ran = await runCli(['run', '--dockerfile', missing], {
      env: { DOCKER_HOST: 'tcp://127.0.0.1:1' },
    });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      `smtpspec: --dockerfile ${missing}: expected a directory with a Dockerfile, or a Dockerfile\n`,
    );
  });
});

describe.runIf(runContainerTests)('target containers (--container, --dockerfile)', () => {
  let dir: string;
  let brokenContext: string;
  const tagsBuilt = new Set<string>();

  beforeAll(async () => {
    if (!docker.available) {
      throw new Error(`Docker is required here (SMTPSPEC_REQUIRE_DOCKER=1) but: ${docker.reason}`);
    }
    await ensureImage(POSTFIX_IMAGE, POSTFIX_CONTEXT);
    dir = await mkdtemp(join(tmpdir(), 'smtpspec-container-target-'));
    brokenContext = join(dir, 'broken');
    await mkdir(brokenContext);
    // MODE=exit dies at once with a fatal line; otherwise it listens nowhere, forever.
    await writeFile(
      join(brokenContext, 'Dockerfile'),
      [
        'FROM smtpspec/debian-base:bookworm',
        'CMD ["sh", "-c", "if [ \\"$MODE\\" = exit ]; then echo \'smtpspec-test: fatal: exiting on purpose\' >&2; exit 3; fi; echo \'smtpspec-test: waiting forever\'; exec sleep infinity"]',
        '',
      ].join('\n'),
    );
  }, 300_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    // The images built from this test's temporary contexts are of no use to anyone later.
    const client = await getContainerRuntimeClient();
    for (const tag of tagsBuilt) {
      await client.container.dockerode
        .getImage(tag)
        .remove()
        .catch(() => undefined);
    }
  });

  it('certifies Postfix 3.7 against its committed baseline (the README example)', async () => {
    const out = join(dir, 'postfix');
    const ran = await runCli(withOut(await exampleArgs(EXAMPLE), out), {
      cwd: repoRoot,
      timeoutMs: 240_000,
    });
    const result = await report(out);
    const fresh = result.results
      .filter((r) => r.baseline === 'new')
      .map((r) => `${r.id}: ${r.verdict}: ${r.message}`);
    expect(fresh, ran.stderr).toEqual([]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(result.target.image).toBe(POSTFIX_IMAGE);
    expect(result.target.greeting).toMatch(/^220 mx\.postfix\.smtpspec\.test /);
    // Known deviations stay visible: still `fail`, marked and counted.
    expect(result.summary.fail).toBeGreaterThan(0);
    expect(result.baseline?.known).toBe(
      result.results.filter((r) => ['warn', 'fail', 'error'].includes(r.verdict)).length,
    );
    expect(result.summary.pass).toBeGreaterThan(150);
    // A known fail is a failure of the target, so its log is attached too.
    expect(result.target.containerLog).toMatch(/postfix\/smtpd\[\d+\]: connect from/);
    expect(await containerExists(announcedId(ran.stderr))).toBe(false);
  }, 300_000);

  it('exits 1 and attaches the log tail when a case fails without a baseline', async () => {
    const out = join(dir, 'postfix-fail');
    const ran = await runCli(
      [
        'run',
        'rfc5321/4.1.1.4',
        '--container',
        POSTFIX_IMAGE,
        '--out',
        out,
        '--reporter',
        'console,json',
      ],
      { timeoutMs: 120_000 },
    );
    expect(ran.code, ran.stderr).toBe(1);
    expect(ran.stdout).toMatch(/container log \(last \d+ lines\):\n {2}.*postfix/);
    const result = await report(out);
    expect(result.summary.fail).toBeGreaterThan(0);
    expect(result.target.containerLog).toMatch(/postfix\//);
  }, 150_000);

  it('a container that exits at once: exit 2, one line, its log, an all-error report, nothing left', async () => {
    const out = join(dir, 'exits');
    const ran = await runCli(
      [
        'run',
        'rfc5321/4.1.1.1',
        '--dockerfile',
        brokenContext,
        '--env',
        'MODE=exit',
        '--out',
        out,
        '--reporter',
        'json',
      ],
      { timeoutMs: 180_000 },
    );
    expect(ran.code).toBe(2);
    const line = ran.stderr.split('\n').find((l) => l.includes('did not start'));
    expect(line).toMatch(
      /^smtpspec: container smtpspec-target\/broken:[0-9a-f]{12} did not start: the container exited with status 3 before its SMTP greeting$/,
    );
    expect(ran.stderr).toContain(
      'container log (last 1 lines):\n  smtpspec-test: fatal: exiting on purpose\n',
    );
    const result = await report(out);
    expect(result.results.length).toBeGreaterThan(0);
    expect(result.summary.error).toBe(result.results.length);
    expect(result.results[0]?.message).toContain('exited with status 3');
    expect(result.target.containerLog).toBe('smtpspec-test: fatal: exiting on purpose\n');
    const image = /container (smtpspec-target\/broken:[0-9a-f]{12})/.exec(ran.stderr)?.[1] ?? '';
    tagsBuilt.add(image);
    expect(await targetContainersOf(image)).toEqual([]);
  }, 200_000);

  it('a container that never greets fails at the startup timeout, with its log', async () => {
    const out = join(dir, 'silent');
    const ran = await runCli(
      [
        'run',
        'rfc5321/4.1.1.1',
        '--dockerfile',
        brokenContext,
        '--startup-timeout-ms',
        '3000',
        '--out',
        out,
      ],
      { timeoutMs: 120_000 },
    );
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(
      /did not start: no SMTP 220 greeting on 127\.0\.0\.1:\d+ \(last: .*\) within 3000 ms\n/,
    );
    expect(ran.stderr).toContain('smtpspec-test: waiting forever');
    const image = /container (smtpspec-target\/broken:[0-9a-f]{12})/.exec(ran.stderr)?.[1] ?? '';
    tagsBuilt.add(image);
    expect(await targetContainersOf(image)).toEqual([]);
  }, 150_000);

  it('exits 2 with one line when the image does not build', async () => {
    const context = join(dir, 'unbuildable');
    await mkdir(context);
    await writeFile(
      join(context, 'Dockerfile'),
      'FROM smtpspec/debian-base:bookworm\nRUN exit 7\n',
    );
    const started = Math.floor(Date.now() / 1000) * 1000;
    const ran = await runCli(
      ['run', 'rfc5321/4.1.1.1', '--dockerfile', context, '--reporter', 'console'],
      {
        timeoutMs: 180_000,
      },
    );
    expect(ran.code).toBe(2);
    // No intermediate container of the failed step is left behind.
    const client = await getContainerRuntimeClient();
    const leftovers = await client.container.dockerode.listContainers({
      all: true,
      filters: { ancestor: ['smtpspec/debian-base:bookworm'], status: ['exited'] },
    });
    expect(leftovers.filter((c) => c.Created * 1000 >= started && /\(7\)/.test(c.Status))).toEqual(
      [],
    );
    expect(ran.stderr).toContain(
      `did not start: building ${context} failed: Failed to build image (run \`docker build -f ${join(context, 'Dockerfile')} ${context}\` to see why)\n`,
    );
  }, 200_000);

  it('exits 2 with one line for an image that cannot be pulled', async () => {
    const ran = await runCli(
      [
        'run',
        'rfc5321/4.1.1.1',
        '--container',
        'smtpspec/no-such-image:0',
        '--reporter',
        'console',
      ],
      { timeoutMs: 120_000 },
    );
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(
      /\nsmtpspec: container smtpspec\/no-such-image:0 did not start: cannot pull the image: .+\n$/,
    );
  }, 150_000);

  it.each([
    ['during the run', POSTFIX_IMAGE, 'greets on'],
    ['while waiting for the greeting', 'BROKEN', 'starting smtpspec-target'],
  ])(
    'Ctrl-C %s stops and removes the container (exit 130)',
    async (_, which, cue) => {
      const image = which === 'BROKEN' ? ['--dockerfile', brokenContext] : ['--container', which];
      let sent = false;
      const ran = await runCli(
        ['run', ...image, '--out', join(dir, 'interrupted'), '--reporter', 'json'],
        {
          timeoutMs: 180_000,
          onStderr: (text, child) => {
            if (sent || !text.includes(cue)) return;
            sent = true;
            // Give it a moment to be inside the run (or the wait) before interrupting.
            setTimeout(() => child.kill('SIGINT'), 1500);
          },
        },
      );
      expect(ran.code, ran.stderr).toBe(130);
      if (which === 'BROKEN') {
        expect(ran.stderr).toContain(
          'smtpspec: interrupted (SIGINT) before any case ran; the target container was removed\n',
        );
      } else {
        // Interrupted during the run: the finished cases are reported (issue 17).
        expect(ran.stderr).toMatch(
          /\nsmtpspec: interrupted \(SIGINT\): the reports of the \d+ cases? that finished are in .+; the target container was removed\n$/,
        );
        const written = JSON.parse(
          await readFile(join(dir, 'interrupted', 'results.json'), 'utf8'),
        );
        expect(written.interrupted).toMatchObject({ reason: 'interrupted by SIGINT' });
        expect(written.results.length).toBeLessThan(written.interrupted.selected);
      }
      const tag =
        which === 'BROKEN'
          ? (/starting (smtpspec-target\/broken:[0-9a-f]{12})/.exec(ran.stderr)?.[1] ?? '')
          : which;
      if (which === 'BROKEN') tagsBuilt.add(tag);
      // Other test files may run the same image at the same time: check this run's own
      // container (named on stderr once it greets) when there is one.
      const own = /container ([0-9a-f]{12}) \(/.exec(ran.stderr)?.[1];
      const left = await targetContainersOf(tag);
      expect(own === undefined ? left : left.filter((id) => id.startsWith(own))).toEqual([]);
    },
    200_000,
  );

  it('startContainerTarget: a greeting on 127.0.0.1, the log tail, removal on dispose', async () => {
    let id = '';
    {
      await using target = await startContainerTarget({ image: POSTFIX_IMAGE });
      id = target.containerId;
      expect(target.address.host).toBe('127.0.0.1');
      const greeting = await readGreeting(target.address.host, target.address.port, 10_000);
      expect(greeting.code).toBe(220);
      expect(await target.logTail(100)).toMatch(/postfix\//);
    }
    expect(await containerExists(id)).toBe(false);
  }, 120_000);
});

if (!runContainerTests) {
  describe('target containers (--container, --dockerfile)', () => {
    it.skip(`needs Docker (${docker.reason}); SMTPSPEC_REQUIRE_DOCKER=1 makes this a failure`, () => {});
  });
}
