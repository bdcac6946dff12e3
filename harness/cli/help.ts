/**
 * Help text, rendered from the command definitions (command.ts): the command list of
 * `smtpspec --help` and, per command, `smtpspec NAME --help` with every flag, its default
 * and an example. Lines are wrapped to 80 columns.
 */
import {
  type CommandDefinition,
  type FlagDefinition,
  type FlagTable,
  flagSyntax,
} from './command.ts';

const WIDTH = 80;
/** Column where flag descriptions start. */
const HELP_COLUMN = 26;

/** The general exit statuses (design.md "Command-line contract"). */
export const EXIT_STATUS_TEXT =
  'Exit status: 0 no fail and no error; 1 at least one fail or error (or warn with ' +
  '--strict); 2 bad usage, bad configuration, an unreachable target, a container that did ' +
  'not start, or an internal error (reported on one line); 130 interrupted (the reports ' +
  'of the cases that finished are written; a target container is removed first).';

/** Splits `text` into lines of at most `width` columns, each prefixed by `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

function defaultNote(flag: FlagDefinition): string {
  if (flag.default !== undefined) return ` (default: ${flag.default})`;
  if (flag.defaultText !== undefined) return ` (default: ${flag.defaultText})`;
  return '';
}

function flagLines(name: string, flag: FlagDefinition): string[] {
  const syntax = `  ${flagSyntax(name, flag)}${flag.multiple === true ? ' ...' : ''}`;
  const text = `${flag.help}${defaultNote(flag)}`;
  const pad = ' '.repeat(HELP_COLUMN);
  const body = wrap(text, WIDTH, pad);
  if (syntax.length + 2 <= HELP_COLUMN) {
    const first = body[0]?.slice(HELP_COLUMN) ?? '';
    return [`${syntax.padEnd(HELP_COLUMN)}${first}`, ...body.slice(1)];
  }
  return [syntax, ...body];
}

function flagSections(flags: FlagTable): string[] {
  const groups = new Map<string, string[]>();
  for (const [name, flag] of Object.entries(flags)) {
    const heading = flag.group ?? 'Options';
    groups.set(heading, [...(groups.get(heading) ?? []), ...flagLines(name, flag)]);
  }
  const help = flagLines('help', { type: 'boolean', help: 'show this help' });
  groups.set('Options', [...(groups.get('Options') ?? []), ...help]);
  return [...groups].flatMap(([heading, lines]) => ['', `${heading}:`, ...lines]);
}

/** `smtpspec NAME --help`. */
export function renderCommandHelp(command: CommandDefinition): string {
  const lines = [
    `Usage: smtpspec ${command.name} ${command.usage}`,
    '',
    ...wrap(command.description, WIDTH),
    ...flagSections(command.flags),
    '',
    command.examples.length === 1 ? 'Example:' : 'Examples:',
    ...command.examples.map((e) => `  ${e}`),
    '',
    ...wrap(command.exitStatus ?? EXIT_STATUS_TEXT, WIDTH),
  ];
  return `${lines.join('\n')}\n`;
}

/** `smtpspec --help`: every command with its one-line summary. */
export function renderOverview(commands: readonly CommandDefinition[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 4;
  const list = commands.flatMap((c) => {
    const body = wrap(c.summary, WIDTH, ' '.repeat(width + 2));
    return [`  ${c.name.padEnd(width)}${body[0]?.trimStart() ?? ''}`, ...body.slice(1)];
  });
  const lines = [
    'smtpspec - SMTP conformance test harness',
    '',
    'Usage: smtpspec COMMAND [arguments] [options]',
    '',
    'Commands:',
    ...list,
    '',
    'smtpspec COMMAND --help lists every option of COMMAND with its default and an example.',
    'smtpspec --version prints the version.',
    '',
    ...wrap(EXIT_STATUS_TEXT, WIDTH),
  ];
  return `${lines.join('\n')}\n`;
}
