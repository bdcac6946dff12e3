import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SmtpHarnessError } from '../errors.ts';
import { readFailure as fuzzReadFailure } from '../fuzz/oracles.ts';
import { classifyReadFailure, judgeFailedRead } from './read-failure.ts';

const err = (code: string) => new SmtpHarnessError(code as never, `${code} happened`);

describe('classifyReadFailure', () => {
  it.each([
    [ERROR_CODES.timeout, 'silence', undefined],
    [ERROR_CODES.closed, 'closed', 'RFC 5321 §3.8'],
    [ERROR_CODES.reset, 'reset', 'RFC 5321 §3.8'],
    [ERROR_CODES.malformedReply, 'malformed', 'RFC 5321 §4.2'],
    [ERROR_CODES.lineTooLong, 'oversized', 'RFC 5321 §4.5.3.1.5'],
    [ERROR_CODES.replyTooLarge, 'oversized', 'RFC 5321 §4.5.3.1.5'],
    [ERROR_CODES.tls, 'harness', undefined],
  ])('%s is %s, citing %s', (code, kind, rule) => {
    const failed = classifyReadFailure(err(code));
    expect(failed.kind).toBe(kind);
    expect(failed.rule).toBe(rule);
  });

  it('calls anything that is not a harness error internal', () => {
    expect(classifyReadFailure(new TypeError('x is undefined'))).toEqual({
      kind: 'harness',
      actual: 'internal error: x is undefined',
    });
  });
});

// Why this test? The runner and the fuzzer once cited different sections for the same
// over-long reply line; both now take the citation from one classification.
describe('the runner and the fuzz oracles cite the same rule', () => {
  it.each([ERROR_CODES.closed, ERROR_CODES.malformedReply, ERROR_CODES.lineTooLong])(
    '%s',
    (code) => {
      const judged = judgeFailedRead(err(code), {
        what: 'reply to NOOP',
        expected: [],
        level: 'MUST',
      });
      const rule = classifyReadFailure(err(code)).rule ?? '';
      expect(judged.kind === 'finding' && judged.finding.message).toContain(`(${rule})`);
      expect(fuzzReadFailure(err(code), 'reply to NOOP', []).message).toContain(`(${rule})`);
    },
  );

  it('grades an oversized reply as at most warn (a SHOULD of RFC 5321 §4.5.3.1)', () => {
    const judged = judgeFailedRead(err(ERROR_CODES.lineTooLong), {
      what: 'reply to MAIL',
      expected: [],
      level: 'MUST',
    });
    expect(judged.kind === 'finding' && judged.finding.grade).toBe('warn');
  });

  it('grades a close by the case level, silence and garbage as fail, a closed greeting as error', () => {
    const closed = judgeFailedRead(err(ERROR_CODES.closed), {
      what: 'reply to NOOP',
      expected: ['250'],
      level: 'SHOULD',
    });
    expect(closed.kind === 'finding' && closed.finding.grade).toBe('warn');
    const silent = judgeFailedRead(err(ERROR_CODES.timeout), {
      what: 'x',
      expected: [],
      level: 'MAY',
    });
    expect(silent.kind === 'finding' && silent.finding.grade).toBe('fail');
    const greeting = judgeFailedRead(err(ERROR_CODES.closed), {
      what: 'greeting',
      expected: [],
      level: 'MUST',
      isGreeting: true,
    });
    expect(greeting.kind).toBe('error');
  });
});
