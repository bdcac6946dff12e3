import { describe, expect, it } from 'vitest';
import { checkDecision, type Decision } from './hooks.ts';

describe('checkDecision', () => {
  it.each([
    [{ kind: 'accept' }, true],
    [{ kind: 'reject', code: 550, enhanced: '5.7.1', text: 'no' }, true],
    [{ kind: 'tempfail', code: 451, enhanced: '4.3.0', text: 'later' }, true],
    [{ kind: 'reject', code: 451, enhanced: '4.3.0', text: 'class mismatch' }, false],
    [{ kind: 'tempfail', code: 550, enhanced: '5.7.1', text: 'class mismatch' }, false],
    [{ kind: 'reject', code: 560, enhanced: '5.7.1', text: 'second digit over 5' }, false],
    [{ kind: 'reject', code: 550, enhanced: '4.7.1', text: 'enhanced class mismatch' }, false],
    [{ kind: 'reject', code: 550, enhanced: '5.07.1', text: 'leading zero' }, false],
    [{ kind: 'reject', code: 550, enhanced: 'five', text: 'not a code' }, false],
  ] as [Decision, boolean][])('%j usable: %s', (decision, usable) => {
    expect(checkDecision(decision) === undefined).toBe(usable);
  });
});
