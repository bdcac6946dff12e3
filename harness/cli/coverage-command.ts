/**
 * `smtpspec coverage`: which requirements of the register the cases check, per section.
 */

import { loadCases } from '../scenario/cases.ts';
import { computeCoverage, renderCoverageText } from '../scenario/coverage.ts';
import { loadRegister } from '../scenario/load.ts';
import { COVERAGE_OPTIONS, parseCommandLine, readSelection } from './args.ts';
import type { CliIo } from './io.ts';

/** Runs `smtpspec coverage`; returns the exit code. */
export async function coverageCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine('coverage', argv, COVERAGE_OPTIONS);
  const { scenarios } = await loadCases(readSelection(values, positionals), io.cases);
  const register = await loadRegister(io.cases?.suitesDir);
  const report = computeCoverage(register, scenarios);
  io.stdout(
    values.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderCoverageText(report),
  );
  return 0;
}
