// Why these tests? The command definitions are the one source of every parser and help
// text: these tests hold each definition to the promise of issue 17 (every flag in its
// help with its default, an example that really parses) and pin the parsing rules that
// scripts depend on.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.ts';
import { type CommandDefinition, defineCommand, parseCommand, wantsHelp } from './command.ts';
import { renderCommandHelp, renderOverview } from './help.ts';
import { loadCommands, main } from './main.ts';
import { closest, editDistance } from './suggest.ts';
import { captureIo } from './testing/capture-io.ts';

/** Splits an example command line into words, honouring single quotes. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

const COMMANDS = await loadCommands();

const TEST_COMMAND = defineCommand({
  name: 'test',
  summary: 'a command for these tests',
  usage: 'FILE [options]',
  description: 'Checks parsing.',
  positionals: { name: 'FILE', min: 1, max: 2 },
  flags: {
    out: { type: 'string', value: 'DIR', default: './out', help: 'where' },
    tag: { type: 'string', value: 'T', multiple: true, help: 'tags' },
    strict: { type: 'boolean', help: 'strict' },
    seed: { type: 'string', value: 'N', help: 'seed' },
  },
  examples: ['smtpspec test a.json --tag x'],
  run: async () => 0,
});

describe.each(COMMANDS.map((c) => [c.name, c] as const))('smtpspec %s --help', (_, command) => {
  const help = renderCommandHelp(command as CommandDefinition);

  it('lists every flag with its value and default, and the usage line', () => {
    expect(help.startsWith(`Usage: smtpspec ${command.name} `)).toBe(true);
    for (const [name, flag] of Object.entries(command.flags)) {
      const syntax = flag.type === 'string' ? `--${name} ${flag.value}` : `--${name}`;
      expect(help, name).toContain(`  ${syntax}`);
      const shown = flag.default ?? flag.defaultText;
      if (shown !== undefined) {
        // Wrapping may break the default across lines: compare with spaces normalised.
        expect(help.replace(/\s+/g, ' '), name).toContain(`(default: ${shown})`);
      }
    }
    expect(help).toMatch(/\n {2}--help {2,}show this help\n/);
    expect(help).toContain('Exit status:');
  });

  it('has examples that parse with its own definition', () => {
    expect(command.examples.length).toBeGreaterThan(0);
    for (const example of command.examples) {
      const [tool, name, ...argv] = words(example);
      expect([tool, name]).toEqual(['smtpspec', command.name]);
      expect(help).toContain(`  ${example}\n`);
      expect(() => parseCommand(command, argv), example).not.toThrow();
    }
  });

  it('fits 80 columns, examples aside', () => {
    const long = help
      .split('\n')
      .filter((l) => l.length > 80 && !command.examples.some((e) => l.includes(e)));
    expect(long).toEqual([]);
  });
});

describe('smtpspec --help', () => {
  // The commands are loaded by name when they run: a name that loads another command, or
  // none, would break that command alone.
  it.each(COMMANDS.map((c) => c.name))('dispatches %s to its own definition', async (name) => {
    const io = captureIo();
    expect(await main([name, '--help'], io)).toBe(0);
    expect(io.out).toContain(`smtpspec ${name} `);
  });

  it('names every command with its summary', () => {
    const overview = renderOverview(COMMANDS);
    for (const c of COMMANDS) expect(overview).toMatch(new RegExp(`\\n {2}${c.name} +\\S`));
    expect(overview).toContain('smtpspec COMMAND --help lists every option');
  });
});

describe('parseCommand', () => {
  it('applies defaults: a value, [] for repeatable flags, false for switches', () => {
    expect(parseCommand(TEST_COMMAND, ['a.json'])).toEqual({
      values: { out: './out', tag: [], strict: false },
      positionals: ['a.json'],
    });
  });

  it('reads both spellings, repeats, a later value over an earlier one, and -- ', () => {
    const parsed = parseCommand(TEST_COMMAND, [
      '--out=x',
      '--tag',
      'a',
      'f',
      '--tag=b',
      '--strict',
      '--out',
      'y',
      '--',
      '--not-a-flag',
    ]);
    expect(parsed).toEqual({
      values: { out: 'y', tag: ['a', 'b'], strict: true },
      positionals: ['f', '--not-a-flag'],
    });
  });

  it.each([
    [['a', '--tga', 'x'], "unknown option '--tga'; did you mean --tag?"],
    [['a', '--outdir', 'x'], "unknown option '--outdir'; did you mean --out?"],
    [['a', '--frobnicate'], "unknown option '--frobnicate'"],
    [['a', '-s'], "unknown option '-s'"],
    [['a', '--strict=1'], '--strict takes no value'],
    [['a', '--out'], '--out needs a value (DIR)'],
    [
      ['a', '--seed', '--strict'],
      '--seed needs a value (N), got the option --strict (write --seed=--strict if you mean it)',
    ],
    [[], 'give the FILE'],
    [['a', 'b', 'c'], 'expected at most 2 FILE, got 3'],
  ])('refuses %j: %s', (argv, message) => {
    let thrown: unknown;
    try {
      parseCommand(TEST_COMMAND, argv);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toBe(message);
  });

  it('finds --help and -h only before --', () => {
    expect(wantsHelp(['--out', 'x', '-h'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
  });
});

describe('did you mean', () => {
  it.each([
    ['reporters', 'reporter'],
    ['reproter', 'reporter'],
    ['conc', 'concurrency'],
    ['t', undefined],
    ['concur', 'concurrency'],
    ['tagret', 'target'],
    ['xyz', undefined],
  ])('%s -> %s', (input, expected) => {
    const known = ['reporter', 'concurrency', 'target', 'timeout-ms', 'tls'];
    expect(closest(input, known)).toBe(expected);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('tagret', 'target')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
