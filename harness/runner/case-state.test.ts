// Why these tests? RFC 6531 §3.7.4 permits UTF-8 reply text in exactly two situations; the
// case state must track the SMTPUTF8 parameter of MAIL (per transaction) and of VRFY/EXPN
// (per command), so UTF-8 there is not flagged and UTF-8 elsewhere still is.
import { describe, expect, it } from 'vitest';
import { replyTextOptions } from '../judge/reply-form.ts';
import { tableVerbOf } from '../wire/reply-table.ts';
import { type CaseState, noteSent } from './case-state.ts';

function state(keywords: string[] = ['SMTPUTF8', '8BITMIME']): CaseState {
  return {
    keywords: new Set(keywords),
    inData: false,
    lastVerb: undefined,
    lastLabel: '',
    findings: [],
    submissions: [],
  } as unknown as CaseState;
}

function sent(s: CaseState, ...lines: string[]): CaseState {
  for (const line of lines) noteSent(s, line, tableVerbOf(line), line);
  return s;
}

describe('replyTextOptions (RFC 6531 §3.7.4)', () => {
  it('permits UTF-8 in a 251/551 to RCPT after MAIL ... SMTPUTF8 (§3.7.4.1)', () => {
    const s = sent(state(), 'MAIL FROM:<a@b.test> SMTPUTF8 BODY=8BITMIME', 'RCPT TO:<c@d.test>');
    expect(replyTextOptions(s, 'RCPT', 551)).toEqual({ smtputf8: true, utf8Allowed: true });
    expect(replyTextOptions(s, 'RCPT', 251).utf8Allowed).toBe(true);
  });

  it('does not permit it in other replies of that transaction, such as a 550', () => {
    const s = sent(state(), 'MAIL FROM:<a@b.test> smtputf8', 'RCPT TO:<c@d.test>');
    expect(replyTextOptions(s, 'RCPT', 550)).toEqual({ smtputf8: true, utf8Allowed: false });
  });

  it('does not permit it after a MAIL without the parameter, or after RSET', () => {
    expect(replyTextOptions(sent(state(), 'MAIL FROM:<a@b.test>'), 'RCPT', 551).utf8Allowed).toBe(
      false,
    );
    const reset = sent(state(), 'MAIL FROM:<a@b.test> SMTPUTF8', 'RSET');
    expect(replyTextOptions(reset, 'RCPT', 551).utf8Allowed).toBe(false);
  });

  it('permits UTF-8 in the reply to a VRFY or EXPN with the parameter, for that command only (§3.7.4.2)', () => {
    const s = sent(state(), 'VRFY m\xc3\xbcller SMTPUTF8');
    expect(replyTextOptions(s, 'VRFY', 250).utf8Allowed).toBe(true);
    sent(s, 'VRFY m\xc3\xbcller');
    expect(replyTextOptions(s, 'VRFY', 250).utf8Allowed).toBe(false);
    expect(replyTextOptions(sent(s, 'EXPN list SMTPUTF8'), 'EXPN', 250).utf8Allowed).toBe(true);
  });

  it('permits nothing from a server that did not announce SMTPUTF8', () => {
    const s = sent(state(['8BITMIME']), 'MAIL FROM:<a@b.test> SMTPUTF8');
    expect(replyTextOptions(s, 'RCPT', 551)).toEqual({ smtputf8: false, utf8Allowed: false });
  });
});
