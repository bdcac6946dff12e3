// Why these tests? BDAT, AUTH and runs of hundreds of RCPT lines are where deep parser bugs
// live, and each is an exchange of more than one line: the driver must frame them right
// against a conformant server (no false finding) and leave the model where the server is.
import { describe, expect, it } from 'vitest';
import { TEST_MTA_FUZZ_PROFILE } from '../../fixtures/test-mta/test-mta.ts';
import { REFERENCE_PROFILE } from '../runner/profile.ts';
import { authExchange, manyRecipients, sendChunk } from './exchanges.ts';
import { driverAfterEhlo, validLine } from './testing/driver-session.ts';
import { WHOLE } from './transport.ts';

const valid = validLine;
const EHLO = valid('EHLO', `EHLO ${TEST_MTA_FUZZ_PROFILE.helo}`);
const MAIL = valid('MAIL', `MAIL FROM:<${TEST_MTA_FUZZ_PROFILE.from}>`);
const RCPT = valid('RCPT', `RCPT TO:<${TEST_MTA_FUZZ_PROFILE.recipients[0]}>`);

const session = (limits: { maxRecipients?: number } = {}) => driverAfterEhlo({ limits });

describe('BDAT chunks', () => {
  it('exact chunks are accepted, the LAST one delivers the message', async () => {
    const { mta, driver, model } = await session();
    await driver.line(model, MAIL);
    await driver.line(model, RCPT);
    const first = { line: 'BDAT 5', payload: 'Hi\r\n.', last: false, framing: 'exact' as const };
    expect(await sendChunk(driver, model, first, WHOLE)).toBe(true);
    expect(model.state).toBe('bdat');
    const last = { line: 'BDAT 0 LAST', payload: '', last: true, framing: 'exact' as const };
    expect(await sendChunk(driver, model, last, WHOLE)).toBe(true);
    expect(model.state).toBe('helo');
    expect(mta.messages).toHaveLength(1);
    expect(driver.lineLog).toEqual(['EHLO', 'MAIL', 'RCPT', 'BDAT', 'BDAT']);
  });

  it('a chunk that lies about its size ends the run without a finding', async () => {
    const { driver, model } = await session();
    const short = { line: 'BDAT 10', payload: 'abc', last: false, framing: 'short' as const };
    expect(await sendChunk(driver, model, short, WHOLE)).toBe(false);
    expect(model.state).toBe('closed');
  });
});

describe('AUTH', () => {
  it('inside TLS, the account logs in; the model knows it', async () => {
    const { driver, model } = await session();
    await driver.startTls(model, [], EHLO);
    expect(model.auth).toContain('PLAIN');
    const secret = Buffer.from(
      `\0${REFERENCE_PROFILE.authUser}\0${REFERENCE_PROFILE.authPass}`,
    ).toString('base64');
    await authExchange(driver, model, {
      mechanism: 'PLAIN',
      initial: undefined,
      responses: [{ kind: 'valid', text: secret }],
    });
    expect(model.authenticated).toBe(true);
    expect(driver.lineLog.slice(-2)).toEqual(['AUTH', 'AUTH response (valid)']);
  });

  it('a response that is not base64 gets 501, judged without a finding', async () => {
    const { driver, model, stats } = await session();
    await driver.startTls(model, [], EHLO);
    await authExchange(driver, model, {
      mechanism: 'LOGIN',
      initial: undefined,
      responses: [{ kind: 'malformed', text: '!!!!' }],
    });
    expect(model.authenticated).toBe(false);
    expect(stats.replyCounts['AUTH-RESPONSE 501']).toBe(1);
  });
});

describe('runs of RCPT lines', () => {
  it('250 lines pipelined in batches, every reply judged, recipients past 100 counted', async () => {
    const { driver, model, stats } = await session({ maxRecipients: 1000 });
    await driver.line(model, MAIL);
    await manyRecipients(driver, model, RCPT, 250, true);
    expect(stats.replyCounts['RCPT 250']).toBe(250);
    expect(model.recipients).toBe(250);
    expect(driver.lineLog.at(-1)).toBe('RCPT×250');
    expect(driver.steps.filter((s) => s.kind === 'pipeline')).toHaveLength(3);
  });

  it('in lock-step, one send step and one judged reply per line', async () => {
    const { driver, model, stats } = await session();
    await driver.line(model, MAIL);
    await manyRecipients(driver, model, RCPT, 120, false);
    // The reference MTA acknowledges a repeated recipient (and delivers once).
    expect(stats.replyCounts['RCPT 250']).toBe(120);
    expect(driver.steps.filter((s) => s.kind === 'send')).toHaveLength(2 + 120);
  });
});
