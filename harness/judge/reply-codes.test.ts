import { describe, expect, it } from 'vitest';
import { parseReplies, type Reply } from '../wire/reply.ts';
import { allowedReplies } from '../wire/reply-table.ts';
import { type JudgeContext, judgeReply } from './reply-codes.ts';

function reply(wire: string): Reply {
  const events = parseReplies(Buffer.from(wire, 'latin1'));
  const first = events[0];
  if (first?.kind !== 'reply') throw new Error(`not a reply: ${wire}`);
  return first.reply;
}

function ctx(overrides: Partial<JudgeContext> = {}): JudgeContext {
  return {
    what: 'reply to RCPT TO:<a@b.test>',
    setupLabel: 'RCPT TO',
    table: allowedReplies('RCPT'),
    defaultRole: 'check',
    level: 'MUST',
    enhancedAdvertised: false,
    ...overrides,
  };
}

describe('judgeReply', () => {
  it('fails a MUST case whose explicit code does not match, saying what and why', () => {
    const j = judgeReply(
      reply('250 2.1.5 Ok\r\n'),
      { codes: [503], because: 'RFC 5321 §4.1.4' },
      ctx(),
    );
    expect(j).toEqual({
      kind: 'finding',
      finding: {
        grade: 'fail',
        message: 'reply to RCPT TO:<a@b.test>: expected 503 (RFC 5321 §4.1.4), got 250 2.1.5 Ok',
        expected: ['503 (RFC 5321 §4.1.4)'],
        actual: '250 2.1.5 Ok',
      },
    });
  });

  it.each([
    ['MUST', 'fail'],
    ['SHOULD', 'warn'],
    ['MAY', 'info'],
  ] as const)('grades an explicit mismatch of a %s case as %s', (level, grade) => {
    const j = judgeReply(reply('250 Ok\r\n'), { codes: ['5xx'] }, ctx({ level }));
    expect(j.kind === 'finding' && j.finding.grade).toBe(grade);
  });

  it('judges against the table when no codes are given, at most as a SHOULD', () => {
    expect(judgeReply(reply('452 Too many\r\n'), undefined, ctx()).kind).toBe('ok');
    const j = judgeReply(reply('554 No\r\n'), undefined, ctx());
    expect(j.kind === 'finding' && j.finding.grade).toBe('warn');
    expect(j.kind === 'finding' && j.finding.message).toContain(
      'RFC 5321 §4.3.2 reply codes for RCPT',
    );
  });

  it('turns a refused setup step into a skip with the reply as the reason', () => {
    const j = judgeReply(
      reply('550 5.7.1 Relaying denied\r\n'),
      { role: 'setup' },
      ctx({ setupLabel: 'MAIL FROM', table: allowedReplies('MAIL') }),
    );
    expect(j).toEqual({
      kind: 'skip',
      message: 'setup MAIL FROM refused: 550 5.7.1 Relaying denied',
    });
  });

  it('accepts 421 with closeAllowed and ends the case as a pass', () => {
    const j = judgeReply(reply('421 4.3.2 Bye\r\n'), { codes: [503], closeAllowed: true }, ctx());
    expect(j.kind === 'end' && j.verdict).toBe('pass');
  });

  it('ends the case as skip when a table-allowed 421 cuts it short', () => {
    const j = judgeReply(reply('421 Shutting down\r\n'), undefined, ctx());
    expect(j.kind === 'end' && j.verdict).toBe('skip');
  });

  it('reports a missing table entry as a harness error', () => {
    expect(judgeReply(reply('250 Ok\r\n'), undefined, ctx({ table: undefined })).kind).toBe(
      'error',
    );
  });

  describe('enhanced status codes (RFC 2034 §3)', () => {
    const on = ctx({ enhancedAdvertised: true });

    it('checks the pattern only when the server advertised ENHANCEDSTATUSCODES', () => {
      const r = reply('503 Bad sequence\r\n');
      expect(judgeReply(r, { codes: [503], enhanced: '5.5.x' }, ctx()).kind).toBe('ok');
      const j = judgeReply(r, { codes: [503], enhanced: '5.5.x' }, on);
      expect(j.kind === 'finding' && j.finding.message).toContain('got none');
    });

    it('requires the class to equal the first digit of the reply code', () => {
      const j = judgeReply(
        reply('503 4.5.1 Bad sequence\r\n'),
        { codes: [503], enhanced: 'x.x.x' },
        on,
      );
      expect(j.kind === 'finding' && j.finding.message).toContain('4.5.1, whose class is not 5');
    });

    it('accepts a matching code', () => {
      const r = reply('503 5.5.1 Bad sequence\r\n');
      expect(judgeReply(r, { codes: [503], enhanced: '5.5.x' }, on).kind).toBe('ok');
      const j = judgeReply(r, { codes: [503], enhanced: '5.7.x' }, on);
      expect(j.kind === 'finding' && j.finding.actual).toBe('503 5.5.1 Bad sequence');
    });
  });
});

// Why these tests? The grading policy (README "Grading"): a code outside the RFC 5321
// §4.3.2 table is at most a warn, a refused control means the case cannot blame its
// element, and after hostile input a 421 is a defence.
describe('grading policy in judgeReply', () => {
  it('grades an explicit-code mismatch outside the §4.3.2 table as warn, not fail', () => {
    const j = judgeReply(reply('502 5.5.1 Not implemented\r\n'), { codes: [503] }, ctx());
    expect(j.kind === 'finding' && j.finding.grade).toBe('warn');
    expect(j.kind === 'finding' && j.finding.message).toContain(
      '502 is no RCPT reply in RFC 5321 §4.3.2',
    );
  });

  it('keeps the case level for a code the table lists but the case rules out', () => {
    const j = judgeReply(reply('250 2.1.5 Ok\r\n'), { codes: [503] }, ctx());
    expect(j.kind === 'finding' && j.finding.grade).toBe('fail');
  });

  it('skips when a control is refused, and says the element cannot be blamed', () => {
    const j = judgeReply(reply('550 5.7.1 Denied\r\n'), { role: 'control', codes: [250] }, ctx());
    expect(j.kind).toBe('skip');
    expect(j.kind === 'skip' && j.message).toMatch(
      /^control RCPT TO refused: 550 5\.7\.1 Denied; .*cannot be blamed/,
    );
  });

  it('does not call a success a refusal when a setup step needed something else', () => {
    const j = judgeReply(
      reply('250 2.1.5 Recipient OK\r\n'),
      { role: 'setup', codes: [550] },
      ctx(),
    );
    expect(j).toEqual({
      kind: 'skip',
      message: 'setup RCPT TO answered 250 2.1.5 Recipient OK, not 550',
    });
  });

  it('ends the case as pass on a 421 after hostile input, whatever the step expected', () => {
    const j = judgeReply(
      reply('421 4.5.0 Bare linefeed\r\n'),
      { codes: [250] },
      ctx({ afterHostile: true }),
    );
    expect(j).toMatchObject({ kind: 'end', verdict: 'pass' });
  });
});
