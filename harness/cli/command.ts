/**
 * One definition per subcommand: its flags (type, value placeholder, default, help text),
 * its positionals, an example and its handler. The parser, `smtpspec NAME --help` and the
 * "did you mean" for an unknown flag all come from it (help.ts renders the help), so a new
 * command or flag is one entry in one place. Parsing is node:util parseArgs; the checks
 * and the wording of every mistake are ours, so each is one line.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.ts';
import type { CliIo } from './io.ts';
import { closest } from './suggest.ts';

/** One flag, `--name VALUE` or a switch `--name`. */
export interface FlagDefinition {
  readonly type: 'string' | 'boolean';
  /** The value's placeholder in help (`N`, `HOST:PORT`, `DIR`); string flags only. */
  readonly value?: string;
  /** Repeatable: the values are collected in order. */
  readonly multiple?: boolean;
  /** The value used when the flag is absent, shown in help as `(default: ...)`. */
  readonly default?: string;
  /** What happens without the flag when that is not one value, shown the same way. */
  readonly defaultText?: string;
  /** One or two sentences; help wraps them. */
  readonly help: string;
  /** Heading the flag is listed under in help (flags keep their order within it). */
  readonly group?: string;
}

/** A command's flags by name (without the leading `--`). */
export type FlagTable = Readonly<Record<string, FlagDefinition>>;

type FlagValue<F extends FlagDefinition> = F['type'] extends 'boolean'
  ? boolean
  : F['multiple'] extends true
    ? string[]
    : F extends { readonly default: string }
      ? string
      : string | undefined;

/** Parsed flag values: switches are booleans, repeatable flags lists, others a string. */
export type FlagValues<F extends FlagTable> = { readonly [K in keyof F]: FlagValue<F[K]> };

/** A command line after parsing, ready for the handler. */
export interface ParsedArgs<F extends FlagTable> {
  values: FlagValues<F>;
  positionals: string[];
}

/** Positional arguments: how many, and their name in help and errors. */
export interface PositionalDefinition {
  readonly name: string;
  readonly min: number;
  /** `Infinity` for any number. */
  readonly max: number;
}

/** Everything about one subcommand. */
export interface CommandDefinition<F extends FlagTable = FlagTable> {
  readonly name: string;
  /** One line for the command list of `smtpspec --help`. */
  readonly summary: string;
  /** What follows `smtpspec NAME` in the usage line, e.g. `[ID-PREFIX ...] [options]`. */
  readonly usage: string;
  /** What the command does, a paragraph for `smtpspec NAME --help`. */
  readonly description: string;
  readonly positionals: PositionalDefinition;
  readonly flags: F;
  /** Whole command lines (`smtpspec NAME ...`); tests parse every one of them. */
  readonly examples: readonly string[];
  /** The exit statuses, when they differ from the general ones. */
  readonly exitStatus?: string;
  /** Runs the command; resolves to the exit status. Usage mistakes throw a UsageError. */
  run(args: ParsedArgs<F>, io: CliIo): Promise<number>;
}

/** Declares a command; `const` keeps the flag types literal for the handler's values. */
export function defineCommand<const F extends FlagTable>(
  definition: CommandDefinition<F>,
): CommandDefinition<F> {
  return definition;
}

/** True when `argv` asks for help (`-h` or `--help` before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** `--name VALUE` or `--name`, as help and errors write a flag. */
export function flagSyntax(name: string, flag: FlagDefinition): string {
  return flag.type === 'string' ? `--${name} ${flag.value ?? 'VALUE'}` : `--${name}`;
}

function unknownOption(raw: string, flags: FlagTable): UsageError {
  const name = raw.replace(/^-+/, '').split('=')[0] ?? '';
  const guess = closest(name, Object.keys(flags));
  const hint = guess === undefined ? '' : `; did you mean --${guess}?`;
  return new UsageError(`unknown option '${raw}'${hint}`);
}

type Collected = Record<string, string | boolean | string[]>;

function collectOption(
  collected: Collected,
  token: { name: string; rawName: string; value?: string | undefined; inlineValue?: boolean },
  flags: FlagTable,
): void {
  const flag = Object.hasOwn(flags, token.name) ? flags[token.name] : undefined;
  if (flag === undefined || token.rawName !== `--${token.name}`) {
    throw unknownOption(token.rawName, flags);
  }
  if (flag.type === 'boolean') {
    if (token.value !== undefined) throw new UsageError(`--${token.name} takes no value`);
    collected[token.name] = true;
    return;
  }
  const value = token.value;
  const needs = `--${token.name} needs a value (${flag.value ?? 'VALUE'})`;
  if (value === undefined) throw new UsageError(needs);
  if (token.inlineValue !== true && value.startsWith('--')) {
    throw new UsageError(
      `${needs}, got the option ${value} (write --${token.name}=${value} if you mean it)`,
    );
  }
  if (flag.multiple === true) {
    const list = collected[token.name];
    collected[token.name] = [...(Array.isArray(list) ? list : []), value];
  } else {
    // The last one wins, as in most tools: a script can append an override.
    collected[token.name] = value;
  }
}

function withDefaults(collected: Collected, flags: FlagTable): Collected {
  const values: Collected = {};
  for (const [name, flag] of Object.entries(flags)) {
    const given = collected[name];
    if (given !== undefined) values[name] = given;
    else if (flag.type === 'boolean') values[name] = false;
    else if (flag.multiple === true) values[name] = [];
    else if (flag.default !== undefined) values[name] = flag.default;
  }
  return values;
}

const count = (n: number) => (n === 1 ? 'one' : String(n));

function checkPositionals(positionals: readonly string[], spec: PositionalDefinition): void {
  const n = positionals.length;
  if (spec.max === 0 && n > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (n >= spec.min && n <= spec.max) return;
  if (spec.min === spec.max) {
    throw new UsageError(`expected ${count(spec.min)} ${spec.name}, got ${n}`);
  }
  if (n > spec.max)
    throw new UsageError(`expected at most ${count(spec.max)} ${spec.name}, got ${n}`);
  throw new UsageError(
    n === 0
      ? `give the ${spec.name}`
      : `expected at least ${count(spec.min)} ${spec.name}, got ${n}`,
  );
}

/**
 * Parses `argv` (the arguments after the command name) against a definition. Unknown
 * flags (with a suggestion), missing values and wrong positional counts throw a one-line
 * UsageError. A flag given twice keeps its last value, unless it is repeatable. Everything
 * after `--` is positional.
 */
export function parseCommand<F extends FlagTable>(
  definition: Pick<CommandDefinition<F>, 'flags' | 'positionals'>,
  argv: readonly string[],
): ParsedArgs<F> {
  const options = Object.fromEntries(
    Object.entries(definition.flags).map(([name, flag]) => [name, { type: flag.type }]),
  );
  // Non-strict: parseArgs only splits the words; every rule is checked below.
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const collected: Collected = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    else if (token.kind === 'option') collectOption(collected, token, definition.flags);
  }
  checkPositionals(positionals, definition.positionals);
  return { values: withDefaults(collected, definition.flags) as FlagValues<F>, positionals };
}
