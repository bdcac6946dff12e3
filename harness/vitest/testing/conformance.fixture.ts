// Run by harness/vitest/vitest.test.ts in a child vitest, never by the project's own run
// (its name does not end in .test.ts): a conformance file as a user writes one, with the
// suite and target handed over in the environment.
import { smtpConformance } from '../index.ts';

const suite = process.env.SMTPSPEC_FIXTURE_SUITE;
if (suite === undefined) throw new Error('SMTPSPEC_FIXTURE_SUITE is not set');
const target = process.env.SMTPSPEC_FIXTURE_TARGET;
const baseline = process.env.SMTPSPEC_FIXTURE_BASELINE;

smtpConformance({
  name: 'fixture MTA',
  suites: [suite],
  ...(target ? { target } : {}),
  ...(baseline ? { baseline } : {}),
  timeoutMs: 60_000,
});
