/**
 * `smtpspec list`: the selected cases, one per line (id, section, level, title), or JSON.
 */

import { loadCases } from '../scenario/cases.ts';
import type { Scenario } from '../scenario/types.ts';
import { LIST_OPTIONS, parseCommandLine, readSelection } from './args.ts';
import type { CliIo } from './io.ts';

/** Keeps a suite-provided title on one line with no terminal control characters. */
function oneLine(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, ' ');
}

/** The plain-text listing: aligned columns, one case per line. */
export function renderList(scenarios: readonly Scenario[]): string {
  const idWidth = Math.max(2, ...scenarios.map((s) => s.id.length));
  const sectionWidth = Math.max(7, ...scenarios.map((s) => s.section.length));
  const lines = scenarios.map((s) => {
    const slow =
      (s.slow === true ? ' (slow)' : '') +
      (s.relay !== undefined ? ' (relay-through)' : '') +
      (s.client !== undefined ? ' (client: serve-cases)' : '');
    return `${s.id.padEnd(idWidth)}  ${s.section.padEnd(sectionWidth)}  ${s.level.padEnd(6)}  ${oneLine(s.title)}${slow}`;
  });
  return `${lines.join('\n')}\n${scenarios.length} case${scenarios.length === 1 ? '' : 's'}\n`;
}

/** Runs `smtpspec list`; returns the exit code. */
export async function listCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine('list', argv, LIST_OPTIONS);
  const { scenarios } = await loadCases(readSelection(values, positionals), io.cases);
  if (values.json === true) {
    const rows = scenarios.map((s) => ({
      id: s.id,
      spec: s.spec,
      section: s.section,
      level: s.level,
      title: s.title,
      requirements: s.requirements,
      ...(s.slow === true ? { slow: true } : {}),
      ...(s.relay !== undefined ? { relay: true } : {}),
      ...(s.client !== undefined ? { client: true } : {}),
    }));
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    io.stdout(renderList(scenarios));
  }
  return 0;
}
