import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import { collectScenarios, loadBuiltInGroups, loadRegister, loadUserGroups } from './load.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'smtpspec-load-'));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(join(root, rel, '..'), { recursive: true });
    await writeFile(join(root, rel), text);
  }
  return root;
}

function scenario(id: string, section = id.split('/')[1]) {
  return {
    id,
    title: 't',
    spec: 'RFC 5321',
    section,
    level: 'MUST',
    requirements: ['R-1'],
    steps: [{ kind: 'send', line: 'NOOP' }],
  };
}

function groupModule(id: string, ids: string[]): string {
  const group = { id, title: 'g', scenarios: ids.map((i) => scenario(i)) };
  return `export default ${JSON.stringify(group)};\n`;
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('loading built-in suites', () => {
  it('discovers modules recursively, skipping tests, helpers and the register', async () => {
    const root = await tree({
      'a/1-x.ts': groupModule('a/1', ['a/1/x']),
      'a/2-y.js': groupModule('a/2', ['a/2/y']),
      'a/1-x.test.ts': 'throw new Error("a test file must not be imported")',
      'a/_helpers.ts': 'export const x = 1;',
      'register/r.ts': 'export default [];',
    });
    const groups = await loadBuiltInGroups(root);
    expect(groups.map((g) => g.origin)).toEqual(['suites/a/1-x.ts', 'suites/a/2-y.js']);
    expect(collectScenarios(groups).map((s) => s.id)).toEqual(['a/1/x', 'a/2/y']);
  });

  it('fails loudly on a duplicate id, naming both files', async () => {
    const root = await tree({
      'a/1.ts': groupModule('a/1', ['a/1/x']),
      'b/1.ts': groupModule('a/1', ['a/1/x']),
    });
    const err = await errorOf(loadBuiltInGroups(root).then(collectScenarios));
    expect(err.code).toBe(ERROR_CODES.config);
    expect(err.message).toBe('duplicate scenario id a/1/x (in suites/a/1.ts and suites/b/1.ts)');
  });

  it.each([
    ['no default export', 'export const group = 1;', 'suites/a.ts: has no default export'],
    ['a syntax error', 'export default {', 'suites/a.ts: cannot load: '],
    [
      'an invalid group',
      'export default { id: "a", title: "t", scenarios: [{}] };',
      'suites/a.ts: scenarios[0].id: expected an id like',
    ],
  ])('names the file of a module with %s', async (_what, text, message) => {
    const root = await tree({ 'a.ts': text });
    const err = await errorOf(loadBuiltInGroups(root));
    expect(err.code).toBe(ERROR_CODES.config);
    expect(err.message.startsWith(message)).toBe(true);
  });

  it('rejects a duplicate requirement id across register files', async () => {
    const req = {
      id: 'R-1',
      spec: 'RFC 5321',
      section: '1',
      level: 'MUST',
      text: 't',
      binds: 'server',
      testable: 'wire',
    };
    const root = await tree({
      'register/a.ts': `export default ${JSON.stringify([req])};`,
      'register/b.ts': `export default ${JSON.stringify([req])};`,
    });
    const err = await errorOf(loadRegister(root));
    expect(err.message).toBe(
      'duplicate requirement id R-1 (in suites/register/a.ts and suites/register/b.ts)',
    );
  });

  it('has an empty register when there is none', async () => {
    expect(await loadRegister(await tree({}))).toEqual([]);
  });
});

describe('loading user suite files', () => {
  it('reads a YAML group with escapes for raw bytes', async () => {
    const yaml = [
      'id: mine',
      'title: My suite',
      'scenarios:',
      '  - id: my/1/bare-lf',
      '    title: bare LF',
      '    spec: RFC 5321',
      "    section: '1'",
      '    level: MUST',
      '    requirements: []',
      '    steps:',
      '      - kind: sendRaw',
      '        bytes: "NOOP\\n"',
      '        note: NOOP then a bare LF',
    ].join('\n');
    const root = await tree({ 'my.yaml': yaml });
    const [loaded] = await loadUserGroups([join(root, 'my.yaml')]);
    const step = loaded?.group.scenarios[0]?.steps[0];
    expect(step).toEqual({ kind: 'sendRaw', bytes: 'NOOP\n', note: 'NOOP then a bare LF' });
  });

  it('reads group defaults from a YAML file, and a case may override them', async () => {
    const yaml = [
      'id: mine',
      'title: My suite',
      'spec: RFC 5321',
      "section: '4.1.4'",
      'preconditions: { ehlo: [PIPELINING] }',
      'scenarios:',
      '  - id: my/4.1.4/inherits',
      '    title: inherits',
      '    level: MUST',
      '    requirements: []',
      '    steps: [{ kind: send, line: NOOP }]',
      '  - id: my/2.4/overrides',
      '    title: overrides',
      "    section: '2.4'",
      '    preconditions: {}',
      '    level: MUST',
      '    requirements: []',
      '    steps: [{ kind: send, line: NOOP }]',
    ].join('\n');
    const root = await tree({ 'my.yaml': yaml });
    const [loaded] = await loadUserGroups([join(root, 'my.yaml')]);
    const [inherits, overrides] = loaded?.group.scenarios ?? [];
    expect(inherits).toMatchObject({
      spec: 'RFC 5321',
      section: '4.1.4',
      preconditions: { ehlo: ['PIPELINING'] },
    });
    expect(overrides).toMatchObject({ spec: 'RFC 5321', section: '2.4', preconditions: {} });
  });

  it('reads a JSON list of scenarios', async () => {
    const root = await tree({ 'my.json': JSON.stringify([scenario('my/1/a')]) });
    const [loaded] = await loadUserGroups([join(root, 'my.json')]);
    expect(loaded?.group.id).toBe('file/my');
  });

  it.each([
    ['bad.json', '{"id": ', 'not valid JSON'],
    ['bad.yaml', 'id: [unclosed', 'not valid YAML'],
    [
      'bad.json',
      JSON.stringify([{ ...scenario('my/1/a'), level: 'OFTEN' }]),
      '[0].level: expected one of',
    ],
  ])('rejects %s with a one-line reason naming the file', async (name, text, message) => {
    const root = await tree({ [name]: text });
    const err = await errorOf(loadUserGroups([join(root, name)]));
    expect(err.code).toBe(ERROR_CODES.config);
    expect(err.message).toContain(join(root, name));
    expect(err.message).toContain(message);
    expect(err.message).not.toContain('\n');
  });

  it('rejects a file that does not exist', async () => {
    const err = await errorOf(loadUserGroups(['/nonexistent/smtpspec-suite.json']));
    expect(err.message).toMatch(/^\/nonexistent\/smtpspec-suite\.json: cannot read: /);
  });
});
