import { describe, expect, it } from 'vitest';
import { judgeDefensiveClose } from './defence.ts';

describe('judgeDefensiveClose (RFC 5321 §7.8)', () => {
  it('passes a refusal followed by a close, naming the refusal', () => {
    const end = judgeDefensiveClose({
      lastReply: { code: 500, text: '500 5.5.2 Line too long' },
      how: 'closed',
    });
    expect(end.verdict).toBe('pass');
    expect(end.message).toContain('500 5.5.2 Line too long');
  });

  it('is info, never fail, for a close with no refusal', () => {
    expect(judgeDefensiveClose({ how: 'reset' }).verdict).toBe('info');
    expect(
      judgeDefensiveClose({ lastReply: { code: 250, text: '250 Ok' }, how: 'closed' }).verdict,
    ).toBe('info');
  });
});
