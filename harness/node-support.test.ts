// Why these tests? The Node range is stated three times (package.json engines, the start
// check, the README) and must mean the same everywhere; an old Node must get one line
// naming both versions, not a stack trace from inside a dependency.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem, SUPPORTED_NODE, satisfiesRange } from './node-support.ts';

const root = new URL('../', import.meta.url);

describe('the supported Node.js range', () => {
  it('is the engines field of package.json, and the README states it', async () => {
    const manifest = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
    expect(manifest.engines).toEqual({ node: SUPPORTED_NODE });
    const readme = await readFile(new URL('README.md', root), 'utf8');
    expect(readme).toContain(`Node.js ${SUPPORTED_NODE}`);
  });

  it.each([
    ['20.20.2', false],
    ['22.21.9', false],
    ['22.22.0', true],
    ['v22.23.5', true],
    ['23.11.0', false],
    ['24.0.0', true],
    ['24.21.0', true],
    ['25.9.0', false],
    ['26.0.0', true],
    ['27.1.0', true],
    ['garbage', false],
  ])('%s: %s', (version, ok) => {
    expect(satisfiesRange(version, SUPPORTED_NODE)).toBe(ok);
  });

  it('names the found and the required version in one line', () => {
    expect(nodeVersionProblem('20.20.2')).toBe(
      `smtpspec needs Node.js ${SUPPORTED_NODE}; this is Node.js 20.20.2`,
    );
    expect(nodeVersionProblem(process.versions.node)).toBeUndefined();
  });

  it('refuses a range it cannot read rather than guessing', () => {
    expect(() => satisfiesRange('24.0.0', '~24.0.0')).toThrow(/unsupported version range/);
  });
});

/** The system's own node, when it is a different, older one than the one running tests. */
async function olderSystemNode(): Promise<{ path: string; version: string } | undefined> {
  for (const path of ['/usr/bin/node', '/usr/local/bin/node']) {
    const version = await new Promise<string | undefined>((resolve) =>
      execFile(path, ['--version'], { timeout: 10_000 }, (err, stdout) =>
        resolve(err ? undefined : stdout.trim().replace(/^v/, '')),
      ),
    );
    if (version !== undefined && nodeVersionProblem(version) !== undefined) {
      return { path, version };
    }
  }
  return undefined;
}

const older = await olderSystemNode();

// The checkout's bin on the machine's own old Node (the one npm runs on here): one line.
describe.runIf(older !== undefined)(`bin/smtpspec.js on Node ${older?.version}`, () => {
  it('exits 2 with one line instead of a stack trace', async () => {
    const bin = fileURLToPath(new URL('bin/smtpspec.js', root));
    const ran = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(older?.path ?? '', [bin, '--version'], { timeout: 30_000 }, (err, _out, stderr) =>
        resolve({ code: typeof err?.code === 'number' ? err.code : 0, stderr }),
      ),
    );
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    expect(ran.stderr).toContain(`this is Node.js ${older?.version}`);
  });
});
