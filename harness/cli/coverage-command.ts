/**
 * `smtpspec coverage`: which requirements of the register the cases check, per section.
 */

import { loadCases } from '../scenario/cases.ts';
import { computeCoverage, renderCoverageText } from '../scenario/coverage.ts';
import { loadRegister } from '../scenario/load.ts';
import { readSelection, SELECTION_FLAGS } from './args.ts';
import { defineCommand } from './command.ts';

/** `smtpspec coverage`. */
export const coverageCommand = defineCommand({
  name: 'coverage',
  summary: 'requirement coverage per RFC section: covered, uncovered, not testable',
  usage: '[ID-PREFIX ...] [--suite ID|FILE ...] [--json]',
  description:
    'Counts, per section of the requirement register, the statements the selected cases check, the wire-testable ones no case checks yet, and those a client cannot observe.',
  positionals: { name: 'ID-PREFIX', min: 0, max: Infinity },
  flags: {
    suite: SELECTION_FLAGS.suite,
    json: { type: 'boolean', help: 'the coverage report as JSON' },
  },
  examples: ['smtpspec coverage', 'smtpspec coverage rfc3207 --json'],
  exitStatus: 'Exit status: 0 reported; 2 bad usage or a bad suite file.',
  async run({ values, positionals }, io) {
    const selection = readSelection({ suite: values.suite, case: [] }, positionals);
    const { scenarios } = await loadCases(selection, io.cases);
    const register = await loadRegister(io.cases?.suitesDir);
    const report = computeCoverage(register, scenarios);
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderCoverageText(report));
    return 0;
  },
});
