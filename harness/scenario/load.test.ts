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
      'a/1.requirements.ts': 'export default [];',
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

  it('has an empty register when there is none', async () => {
    expect(await loadRegister(await tree({}))).toEqual([]);
  });
});

describe('loading the requirement register', () => {
  const req = {
    id: 'R-1',
    spec: 'RFC 5321',
    section: '1',
    level: 'MUST',
    text: 't',
    binds: 'server',
    testable: 'wire',
  };
  const registerModule = (reqs: unknown[]) => `export default ${JSON.stringify(reqs)};`;

  it('reads every <section>.requirements module of the tree, in file order, and nothing else', async () => {
    const root = await tree({
      'a/1.requirements.ts': registerModule([req, { ...req, id: 'R-2' }]),
      'b/2.1.requirements.js': registerModule([{ ...req, id: 'R-3', section: '2.1' }]),
      'a/1-x.ts': groupModule('a/1', ['a/1/x']),
      'a/_1.requirements.ts': 'throw new Error("a helper must not be imported")',
    });
    expect((await loadRegister(root)).map((r) => r.id)).toEqual(['R-1', 'R-2', 'R-3']);
  });

  it('rejects a duplicate requirement id across register files, naming both', async () => {
    const root = await tree({
      'a/1.requirements.ts': registerModule([req]),
      'b/1.requirements.ts': registerModule([req]),
    });
    const err = await errorOf(loadRegister(root));
    expect(err.message).toBe(
      'duplicate requirement id R-1 (in suites/a/1.requirements.ts and suites/b/1.requirements.ts)',
    );
  });

  // Why this test? The register of a section lives in the file named by that section; an
  // entry filed under another section would be found by nobody looking for it.
  it('rejects an entry whose section is not the one in its file name', async () => {
    const root = await tree({
      'a/1.requirements.ts': registerModule([req, { ...req, id: 'R-2', section: '1.1' }]),
    });
    const err = await errorOf(loadRegister(root));
    expect(err.code).toBe(ERROR_CODES.config);
    expect(err.message).toBe(
      "suites/a/1.requirements.ts: [1].section: expected '1' (the file's section), got '1.1'",
    );
  });

  it.each([
    ['a syntax error', 'export default [', 'suites/a/1.requirements.ts: cannot load: '],
    ['no list', 'export default {};', 'suites/a/1.requirements.ts: (top level): expected a list'],
    [
      'a bad entry',
      registerModule([{ ...req, level: 'OFTEN' }]),
      'suites/a/1.requirements.ts: [0].level: expected one of',
    ],
  ])('names the file of a register module with %s, in one line', async (_what, text, message) => {
    const root = await tree({ 'a/1.requirements.ts': text });
    const err = await errorOf(loadRegister(root));
    expect(err.code).toBe(ERROR_CODES.config);
    expect(err.message.startsWith(message)).toBe(true);
    expect(err.message).not.toContain('\n');
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
