// Why these tests? The published JSON Schema must say what types.ts and the validator say:
// every built-in suite (typed SuiteGroup, so types.ts accepts it) passes it, and each bad
// example below fails it, where the `@ts-expect-error` marks prove types.ts refuses the
// same example (tsc fails on a mark with nothing to refuse). Field names and optionality
// agree by construction: suite-schema.ts does not compile otherwise.
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findModules, importDefault } from './discover.ts';
import { DEFAULT_SUITES_DIR } from './load.ts';
import { schemaErrors, unsupportedKeywords } from './schema-check.ts';
import { SUITE_SCHEMA, suiteSchemaText } from './suite-schema.ts';
import type { ScenarioSource, SuiteGroup } from './types.ts';
import { loadSuiteFile } from './user-suite.ts';
import { SUITE_SCHEMA_FILE } from './write-suite-schema.ts';

const ok: ScenarioSource = {
  id: 'mine/1/noop',
  title: 'NOOP',
  level: 'MUST',
  requirements: [],
  steps: [{ kind: 'send', line: 'NOOP', expect: { codes: [250] } }],
};

function group(...scenarios: ScenarioSource[]): SuiteGroup {
  return { id: 'mine/1', title: 'Mine', spec: 'RFC 5321', section: '1', scenarios };
}

describe('schema/suite.schema.json', () => {
  it('is the file suite-schema.ts writes (npm run schema)', async () => {
    expect(await readFile(SUITE_SCHEMA_FILE, 'utf8')).toBe(suiteSchemaText());
  });

  it('uses only keywords the validator implements', () => {
    expect(unsupportedKeywords(SUITE_SCHEMA)).toEqual([]);
  });

  it('accepts every built-in suite as written', async () => {
    const files = (await findModules(DEFAULT_SUITES_DIR)).filter(
      (f) => !f.includes('.requirements.'),
    );
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const value = await importDefault(join(DEFAULT_SUITES_DIR, file), file);
      expect(schemaErrors(SUITE_SCHEMA, value, file), file).toEqual([]);
    }
  });

  it('accepts a group with $schema, and a bare list of scenarios with their own spec', () => {
    const withSchema = { $schema: './suite.schema.json', ...group(ok) };
    expect(schemaErrors(SUITE_SCHEMA, withSchema, 'x')).toEqual([]);
    expect(schemaErrors(SUITE_SCHEMA, [{ ...ok, spec: 'RFC 5321', section: '1' }], 'x')).toEqual(
      [],
    );
  });
});

/** Bad examples: each is refused by types.ts (marked) and by the schema, with this error. */
const BAD: [string, unknown, string][] = [
  [
    'a code that is no code',
    // @ts-expect-error a code is a number or a pattern string (types.ts CodePattern)
    group({ ...ok, steps: [{ kind: 'send', line: 'NOOP', expect: { codes: [true] } }] }),
    "scenarios[0].steps[0].expect.codes[0]: expected a code like 250 or '5xx', got true",
  ],
  [
    'an unknown step kind',
    // @ts-expect-error no such step kind
    group({ ...ok, steps: [{ kind: 'wait', ms: 5 }] }),
    "scenarios[0].steps[0].kind: expected one of 'greeting', 'ehlo', 'send', 'sendRaw', 'expectReply', 'pipeline', 'expectClose', 'expectNoReply', 'startTls', 'pause', 'message', 'connection', 'recipients', 'relayed', got \"wait\"",
  ],
  [
    'a misspelt field',
    // @ts-expect-error no such field
    group({ ...ok, steps: [{ kind: 'send', line: 'NOOP', expcet: {} }] }),
    'scenarios[0].steps[0].expcet: unknown field (allowed here: line, expect, noReply, hostile, kind)',
  ],
  [
    'a missing required field',
    // @ts-expect-error title is required
    group({ id: ok.id, level: 'MUST', requirements: [], steps: ok.steps }),
    'scenarios[0].title: expected a non-empty string, got nothing',
  ],
  [
    'an unknown level',
    // @ts-expect-error a level is MUST, SHOULD or MAY
    group({ ...ok, level: 'MUST NOT' }),
    "scenarios[0].level: expected one of 'MUST', 'SHOULD', 'MAY', got \"MUST NOT\"",
  ],
  [
    'a step field of the wrong type',
    // @ts-expect-error hostile is a boolean
    group({ ...ok, steps: [{ kind: 'send', line: 'NOOP', hostile: 'yes' }] }),
    'scenarios[0].steps[0].hostile: expected true or false, got "yes"',
  ],
  [
    'a group without scenarios',
    // @ts-expect-error scenarios is required
    { id: 'mine/1', title: 'Mine' } satisfies SuiteGroup,
    'scenarios: expected a list of scenarios, got nothing',
  ],
  // Value rules types.ts cannot state (its types are plain strings and numbers):
  [
    'an id of the wrong form',
    group({ ...ok, id: 'Mine/x' }),
    'scenarios[0].id: expected an id like \'rfc5321/4.1.4/rcpt-before-mail\', got "Mine/x"',
  ],
  [
    'a pause longer than ten minutes',
    group({ ...ok, steps: [{ kind: 'pause', ms: 600_001 }] }),
    'scenarios[0].steps[0].ms: expected an integer from 0 to 600000 ms, got 600001',
  ],
  [
    'a command line with a line break',
    group({ ...ok, steps: [{ kind: 'send', line: 'NOOP\r\nQUIT' }] }),
    'scenarios[0].steps[0].line: expected a command line without CR or LF (use a sendRaw step for exact bytes), got "NOOP\\r\\nQUIT"',
  ],
];

describe('bad suite files', () => {
  it.each(BAD)('refuses %s, naming the field', (_, document, error) => {
    expect(schemaErrors(SUITE_SCHEMA, document, 'bad.json')).toEqual([`bad.json: ${error}`]);
  });

  // Why this test? issue 17: a bad suite reported only its first error.
  it('reports every error of a file at once, one line each', async () => {
    const file = join(tmpdir(), `smtpspec-bad-suite-${process.pid}.json`);
    const document = group(
      { ...ok, id: 'mine/1/a', level: 'MUTS' as 'MUST' },
      { ...ok, id: 'mine/1/b', steps: [{ kind: 'pause', ms: -1 }] },
      { ...ok, id: 'mine/1/c', title: '' },
    );
    await writeFile(file, JSON.stringify(document));
    const failure = await loadSuiteFile(file).then(
      () => undefined,
      (err: unknown) => err as { code: string; problems: string[] },
    );
    expect(failure?.code).toBe('SMTPSPEC_ERR_CONFIG');
    expect(failure?.problems).toEqual([
      `${file}: scenarios[0].level: expected one of 'MUST', 'SHOULD', 'MAY', got "MUTS"`,
      `${file}: scenarios[1].steps[0].ms: expected an integer from 0 to 600000 ms, got -1`,
      `${file}: scenarios[2].title: expected a non-empty string, got ""`,
    ]);
  });

  it('then reports the rules a schema cannot state, for every scenario', async () => {
    const file = join(tmpdir(), `smtpspec-bad-rules-${process.pid}.json`);
    const document = group(
      { ...ok, id: 'mine/2/a' },
      { ...ok, id: 'mine/1/b', steps: [{ kind: 'send', line: 'NOOP {{nope}}' }] },
      { ...ok, id: 'mine/1/c', steps: [] },
    );
    await writeFile(file, JSON.stringify(document));
    const failure = await loadSuiteFile(file).then(
      () => undefined,
      (err: unknown) => err as { problems: string[] },
    );
    expect(failure?.problems).toEqual([
      `${file}: scenarios[0].id: the id's middle part must be the section '1', got 'mine/2/a'`,
      expect.stringMatching(
        /^.*: scenarios\[1\]\.steps\[0\]\.line: unknown template variable \{\{nope\}\}/,
      ),
      `${file}: scenarios[2].steps: expected a list of steps, got []`,
    ]);
  });
});
