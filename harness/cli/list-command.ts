/**
 * `smtpspec list`: the selected cases, one per line (id, section, level, title), or JSON.
 */

import { loadCases } from '../scenario/cases.ts';
import type { Scenario } from '../scenario/types.ts';
import { readSelection, SELECTION_FLAGS } from './args.ts';
import { defineCommand } from './command.ts';

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

/** `smtpspec list`. */
export const listCommand = defineCommand({
  name: 'list',
  summary: 'list the selected cases: id, section, level, title',
  usage: '[ID-PREFIX ...] [--suite ID|FILE ...] [--case GLOB ...]',
  description:
    'Lists the cases a run with the same selection would run, sorted by id, without connecting to anything. A suite file is validated on the way: every error it has is listed.',
  positionals: { name: 'ID-PREFIX', min: 0, max: Infinity },
  flags: {
    ...SELECTION_FLAGS,
    json: { type: 'boolean', help: 'a JSON array with the requirement ids of each case' },
  },
  examples: ['smtpspec list rfc5321/4.1.1.4', "smtpspec list --case '*/smuggling*' --json"],
  exitStatus: 'Exit status: 0 listed; 2 bad usage or a bad suite file (every error listed).',
  async run({ values, positionals }, io) {
    const { scenarios } = await loadCases(readSelection(values, positionals), io.cases);
    if (values.json) {
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
  },
});
