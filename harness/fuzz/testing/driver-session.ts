/**
 * For the driver's tests: a session driver on a fresh test MTA (fixtures/test-mta), past a
 * well-formed EHLO, and the model beside it; both stopped when the test finishes.
 */
import { onTestFinished } from 'vitest';
import type { DefectName } from '../../../fixtures/test-mta/defects/index.ts';
import { startTestMta, TEST_MTA_FUZZ_PROFILE } from '../../../fixtures/test-mta/test-mta.ts';
import type { CommandLine, CommandVerb } from '../arbitraries/command-line.ts';
import { SessionDriver } from '../driver.ts';
import { initialModel, type SmtpModel } from '../model.ts';
import { CampaignStats } from '../stats.ts';

/** A well-formed command line, unmutated. */
export const validLine = (verb: CommandVerb, text: string): CommandLine => ({
  verb,
  text,
  form: 'valid',
  mutation: '',
});

const EHLO = validLine('EHLO', `EHLO ${TEST_MTA_FUZZ_PROFILE.helo}`);

/** Options of {@link driverAfterEhlo}. */
export interface DriverSessionOptions {
  defects?: DefectName[];
  limits?: { maxRecipients?: number };
  replyTimeoutMs?: number;
}

/** Starts the test MTA, opens a driver on it and sends EHLO. */
export async function driverAfterEhlo(o: DriverSessionOptions = {}) {
  const mta = await startTestMta({
    ...(o.defects ? { defects: o.defects } : {}),
    ...(o.limits ? { config: { limits: o.limits } } : {}),
  });
  onTestFinished(() => mta.stop());
  const stats = new CampaignStats();
  const driver = await SessionDriver.open({
    ...mta.address(),
    replyTimeoutMs: o.replyTimeoutMs ?? 2000,
    lenient: false,
    stats,
  });
  if (driver === undefined) throw new Error('the test MTA did not greet with 220');
  onTestFinished(() => driver.session.close());
  const model: SmtpModel = initialModel();
  await driver.line(model, EHLO);
  return { mta, driver, model, stats };
}
