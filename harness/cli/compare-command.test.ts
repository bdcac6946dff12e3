// Why these tests? `smtpspec compare` is scripted by CI and by `npm run interop`: its files,
// its links into each run's directory and its one-line errors are checked on a real child
// process, on report directories written by the real writer.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../reports/compare.ts';
import { sampleReport, sampleTranscripts } from '../../reports/testdata/sample.ts';
import { writeReports } from '../../reports/write.ts';
import { summarise } from '../scenario/results.ts';
import { runCli } from './testing/spawn-cli.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smtpspec-compare-'));
  const other = sampleReport();
  other.target.greeting = '220 other.test ESMTP';
  other.results = other.results.map((r) =>
    r.id === 'rfc5321/4.1.1.4/bare-lf-dot' ? { ...r, verdict: 'pass', message: '' } : r,
  );
  other.summary = summarise(other.results);
  await writeReports(join(dir, 'runs/postfix'), sampleReport(), sampleTranscripts(), ['json']);
  await writeReports(join(dir, 'runs/exim'), other, sampleTranscripts(), ['json']);
  await writeReports(join(dir, 'more/exim'), other, sampleTranscripts(), ['json']);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function comparisonIn(out: string): Promise<Comparison> {
  return JSON.parse(await readFile(join(out, 'comparison.json'), 'utf8')) as Comparison;
}

describe('smtpspec compare', () => {
  it('writes comparison.html and .json with links into each run directory', async () => {
    const out = join(dir, 'cmp');
    const ran = await runCli([
      'compare',
      join(dir, 'runs/postfix'),
      join(dir, 'runs/exim/results.json'),
      '--out',
      out,
    ]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('compared 2 runs: 6 cases, 1 differ');
    expect(ran.stdout).toContain('  exim     2 pass, 0 fail, 1 warn, 1 info, 1 skip, 1 error');
    const comparison = await comparisonIn(out);
    expect(comparison.columns.map((c) => [c.label, c.greeting])).toEqual([
      ['postfix', '220 mx.example ESMTP'],
      ['exim', '220 other.test ESMTP'],
    ]);
    const row = comparison.rows.find((r) => r.id === 'rfc5321/4.1.1.4/bare-lf-dot');
    expect(row?.differs).toBe(true);
    const link = row?.cells.exim?.transcript ?? '';
    expect(link).toBe('../runs/exim/transcripts/rfc5321/4.1.1.4/bare-lf-dot.txt');
    expect(existsSync(resolve(out, link))).toBe(true);
    const html = await readFile(join(out, 'comparison.html'), 'utf8');
    expect(html).toContain(`href="${link}"`);
  });

  it('labels runs by directory name, made unique, or by --label', async () => {
    const out = join(dir, 'cmp2');
    const runs = [join(dir, 'runs/exim'), join(dir, 'more/exim')];
    expect((await runCli(['compare', ...runs, '--out', out])).code).toBe(0);
    expect((await comparisonIn(out)).columns.map((c) => c.label)).toEqual(['exim', 'exim-2']);
    const labelled = await runCli([
      'compare',
      ...runs,
      '--out',
      out,
      '--label',
      'a',
      '--label',
      'b',
    ]);
    expect(labelled.code).toBe(0);
    expect((await comparisonIn(out)).columns.map((c) => c.label)).toEqual(['a', 'b']);
  });

  it.each([
    [
      [],
      'smtpspec: give the results.json files (or report directories) (see smtpspec compare --help)',
    ],
    [['nope-dir'], 'nope-dir: no such file or directory'],
    [['RUN', '--label', 'a', '--label', 'b'], 'smtpspec: 2 --label for 1 runs'],
    [['RUN', '--out', ''], '--out: expected a directory, got an empty string'],
    [
      ['RUN', '--outt', 'x'],
      "smtpspec: unknown option '--outt'; did you mean --out? (see smtpspec compare --help)",
    ],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const ran = await runCli([
      'compare',
      ...args.map((a) => (a === 'RUN' ? join(dir, 'runs/postfix') : a)),
    ]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(message);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a directory without results.json, and a damaged one, by name', async () => {
    const empty = await runCli(['compare', join(dir, 'runs/postfix/transcripts')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('has no results.json');
    const damaged = join(dir, 'damaged.json');
    await writeFile(damaged, '{"tool": {"name": "smtpspec"}}');
    const bad = await runCli(['compare', damaged]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/damaged\.json.*tool\.version: expected a string/);
  });
});
