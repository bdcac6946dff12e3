import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES, hasErrorCode } from '../harness/errors.ts';
import { writeFileAtomic } from './atomic.ts';
import { renderJson } from './json.ts';
import { sampleReport, sampleTranscripts } from './testdata/sample.ts';
import { parseReporterList, writeReports } from './write.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'smtpspec-reports-'));
  dirs.push(dir);
  return dir;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

async function thrownBy(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    expect(hasErrorCode(err, ERROR_CODES.config)).toBe(true);
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('writeReports', () => {
  it('writes transcripts under their id path, then the selected reports', async () => {
    const out = join(await tempDir(), 'new', 'out');
    const transcripts = sampleTranscripts();
    transcripts.set('rfc5321/4.1.4/rcpt-before-mail', { text: 'T\n', json: '{"events":[]}\n' });
    const written = await writeReports(out, sampleReport(), transcripts, [
      'console',
      'junit',
      'json',
      'html',
    ]);
    expect(await listFiles(out)).toEqual([
      'junit.xml',
      'report.html',
      'results.json',
      'transcripts/rfc5321/4.1.1.4/bare-lf-dot.txt',
      'transcripts/rfc5321/4.1.1.4/no-reply.txt',
      'transcripts/rfc5321/4.1.4/rcpt-before-mail.json',
      'transcripts/rfc5321/4.1.4/rcpt-before-mail.txt',
      'transcripts/rfc5321/4.5.3.1/long-line.txt',
      'transcripts/rfc5321/4.5.3.1/vrfy-choice.txt',
    ]);
    expect(written).toHaveLength(9);
    expect(written.at(-1)).toBe(join(out, 'results.json'));
    expect(await readFile(join(out, 'results.json'), 'utf8')).toBe(renderJson(sampleReport()));
    const t = join(out, 'transcripts/rfc5321/4.1.4/rcpt-before-mail.txt');
    expect(await readFile(t, 'utf8')).toBe('T\n');
  });

  it('writes only transcripts for the console reporter', async () => {
    const out = await tempDir();
    await writeReports(out, sampleReport(), sampleTranscripts(), ['console']);
    expect((await listFiles(out)).every((f) => f.startsWith('transcripts/'))).toBe(true);
  });

  it.each(['../../escape', '/etc/passwd', 'a/\u0000/b', 'a/./b'])(
    'rejects the id %j before writing anything',
    async (id) => {
      const out = join(await tempDir(), 'out');
      const transcripts = sampleTranscripts();
      transcripts.set(id, { text: 'x' });
      const err = await thrownBy(writeReports(out, sampleReport(), transcripts, ['json']));
      expect(err.message).toContain(`id ${JSON.stringify(id)}: unsafe case id`);
      await expect(readdir(out)).rejects.toThrow();
    },
  );

  it('rejects two ids that differ only in letter case', async () => {
    const transcripts = new Map([
      ['rfc5321/a', { text: '' }],
      ['RFC5321/A', { text: '' }],
    ]);
    const err = await thrownBy(writeReports(await tempDir(), sampleReport(), transcripts, []));
    expect(err.message).toBe('id "RFC5321/A": differs from "rfc5321/a" only in letter case');
  });

  it('rejects a result whose transcript link does not match its id', async () => {
    const report = sampleReport();
    report.results[3]!.transcript = 'elsewhere.txt';
    const err = await thrownBy(writeReports(await tempDir(), report, sampleTranscripts(), []));
    expect(err.message).toContain('results[3].transcript: expected "transcripts/');
  });

  it('reports an output path it cannot create as one ConfigError line', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'file'), 'not a directory');
    const err = await thrownBy(
      writeReports(join(dir, 'file', 'out'), sampleReport(), new Map(), ['json']),
    );
    expect(err.message).toMatch(/^out: cannot write .*results\.json: /);
    expect(err.message).not.toContain('\n');
  });
});

describe('writeFileAtomic', () => {
  it('replaces an existing file and leaves no temporary file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'results.json');
    await writeFile(path, 'old');
    await writeFileAtomic(path, 'new', { durable: true });
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['results.json']);
  });

  // Why this test? A failed replace must keep what was there and clean up after itself.
  it('on failure keeps the old state and removes its temporary file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'results.json');
    await mkdir(path); // rename onto a directory fails
    await expect(writeFileAtomic(path, 'new')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['results.json']);
    expect(await readdir(path)).toEqual([]);
  });
});

describe('parseReporterList', () => {
  it.each([
    ['console,junit,json,html', ['console', 'junit', 'json', 'html']],
    [' JSON , junit ', ['json', 'junit']],
    ['json,json,console', ['json', 'console']],
    ['html,', ['html']],
  ])('parses %j', (text, names) => {
    expect(parseReporterList(text)).toEqual(names);
  });

  it.each([
    ['xml', '--reporter: unknown reporter "xml" (expected one of console, junit, json, html)'],
    ['json,tap', '--reporter: unknown reporter "tap"'],
    ['', '--reporter: empty list'],
    [' , ', '--reporter: empty list'],
  ])('rejects %j with a UsageError', (text, message) => {
    let thrown: unknown;
    try {
      parseReporterList(text);
    } catch (err) {
      thrown = err;
    }
    expect(hasErrorCode(thrown, ERROR_CODES.usage)).toBe(true);
    expect((thrown as Error).message).toContain(message);
  });
});
