import { describe, expect, it } from 'vitest';
import {
  allows,
  applyReply,
  expectedReply,
  initialModel,
  type ModelInput,
  type SessionState,
  type SmtpModel,
} from './model.ts';

const line = (
  verb: Extract<ModelInput, { form: unknown }>['verb'],
  foreign = false,
): ModelInput => ({
  verb,
  form: 'valid',
  foreign,
});

function model(state: SessionState, recipients = 0): SmtpModel {
  return { ...initialModel(), state, identified: state !== 'greeted', recipients };
}

describe('expectedReply', () => {
  it.each<[string, SmtpModel, ModelInput, number, boolean]>([
    ['RCPT before MAIL may not get 2xx (RFC 5321 §4.1.4)', model('helo'), line('RCPT'), 250, false],
    ['RCPT before MAIL may get 503', model('helo'), line('RCPT'), 503, true],
    ['RCPT in a transaction may get 250', model('mail'), line('RCPT'), 250, true],
    ['a foreign RCPT may not be accepted', model('mail'), line('RCPT', true), 250, false],
    ['a foreign RCPT may be refused', model('mail'), line('RCPT', true), 550, true],
    [
      'DATA with no recipient may not get 354 (RFC 5321 §3.3)',
      model('mail'),
      line('DATA'),
      354,
      false,
    ],
    ['DATA with a recipient may get 354', model('rcpt', 1), line('DATA'), 354, true],
    ['DATA never gets 250', model('rcpt', 1), line('DATA'), 250, false],
    ['QUIT must get 221', model('helo'), line('QUIT'), 250, false],
    ['an unknown verb gets 5xx', model('helo'), line('UNKNOWN'), 250, false],
    ['an unknown verb may get 500', model('helo'), line('UNKNOWN'), 500, true],
    ['the sentinel NOOP must get 2xx', model('helo'), { verb: 'SENTINEL' }, 500, false],
    ['421 is always allowed (RFC 5321 §3.8)', model('helo'), line('RCPT'), 421, true],
    ['NOOP never gets 354', model('helo'), line('NOOP'), 354, false],
  ])('%s', (_name, m, input, code, allowed) => {
    expect(allows(expectedReply(m, input), code)).toBe(allowed);
  });

  it('names the rule kind for findings', () => {
    expect(expectedReply(model('helo'), line('QUIT')).kind).toBe('desync');
    expect(expectedReply(model('mail'), line('RCPT', true)).kind).toBe('open-relay');
    expect(expectedReply(model('helo'), { verb: 'SENTINEL' }).kind).toBe('smuggling');
    expect(expectedReply(model('helo'), line('MAIL')).because).toMatch(/RFC 5321/);
  });
});

describe('applyReply', () => {
  it('walks a transaction and returns to helo after the end of data', () => {
    const m = initialModel();
    applyReply(m, line('EHLO'), 250, { pipelining: true, starttls: false });
    expect(m).toMatchObject({ state: 'helo', identified: true, pipelining: true });
    applyReply(m, line('MAIL'), 250);
    applyReply(m, line('RCPT'), 250);
    applyReply(m, line('RCPT'), 550);
    expect(m).toMatchObject({ state: 'rcpt', recipients: 1 });
    applyReply(m, line('DATA'), 354);
    expect(m.state).toBe('data');
    applyReply(m, { verb: 'END-OF-DATA' }, 554);
    expect(m).toMatchObject({ state: 'helo', recipients: 0 });
  });

  it('EHLO and RSET end a transaction; a refused RSET does not (RFC 5321 §4.1.4)', () => {
    const m = model('rcpt', 2);
    applyReply(m, line('RSET'), 500);
    expect(m.state).toBe('rcpt');
    applyReply(m, line('RSET'), 250);
    expect(m).toMatchObject({ state: 'helo', recipients: 0 });
    const n = model('mail');
    applyReply(n, line('EHLO'), 250, { pipelining: false, starttls: false });
    expect(n).toMatchObject({ state: 'helo', pipelining: false });
  });

  it('421 and 221 close the session', () => {
    const m = model('mail');
    applyReply(m, line('RCPT'), 421);
    expect(m.state).toBe('closed');
    const n = model('helo');
    applyReply(n, line('QUIT'), 221);
    expect(n.state).toBe('closed');
  });

  it('without HELO a finished transaction goes back to greeted', () => {
    const m = initialModel();
    applyReply(m, line('MAIL'), 250);
    applyReply(m, line('RSET'), 250);
    expect(m.state).toBe('greeted');
  });

  it('STARTTLS: a 220 starts the session over inside TLS; a refusal changes nothing (RFC 3207 §4.2)', () => {
    const m = model('rcpt', 1);
    applyReply(m, line('EHLO'), 250, { pipelining: true, starttls: true });
    expect(m).toMatchObject({ starttls: true, tls: false });
    applyReply(m, line('MAIL'), 250);
    applyReply(m, { verb: 'STARTTLS' }, 454);
    expect(m).toMatchObject({ state: 'mail', starttls: true, tls: false });
    applyReply(m, { verb: 'STARTTLS' }, 220);
    expect(m).toEqual({ ...initialModel(), tls: true });
    expect(expectedReply(m, { verb: 'STARTTLS' }).codes).toEqual([220, '4xx', '5xx']);
  });
});

describe('BDAT (RFC 3030 §2) and AUTH (RFC 4954 §4)', () => {
  const offered = (m: SmtpModel): SmtpModel => ({ ...m, chunking: true, auth: ['PLAIN', 'LOGIN'] });

  it.each<[string, SmtpModel, ModelInput, number, boolean]>([
    ['a chunk needs a transaction', model('helo'), { verb: 'BDAT', last: false }, 250, false],
    [
      'a chunk with no recipient is refused',
      model('mail'),
      { verb: 'BDAT', last: true },
      250,
      false,
    ],
    ['a chunk after RCPT may get 250', model('rcpt', 1), { verb: 'BDAT', last: false }, 250, true],
    ['DATA inside a BDAT transaction gets no 354', model('bdat', 1), line('DATA'), 354, false],
    [
      'AUTH inside a transaction gets no 334',
      offered(model('mail')),
      { verb: 'AUTH', mechanism: 'PLAIN', initial: undefined },
      334,
      false,
    ],
    [
      'AUTH with a mechanism not offered is refused',
      offered(model('helo')),
      { verb: 'AUTH', mechanism: 'CRAM-MD5', initial: undefined },
      334,
      false,
    ],
    [
      'an initial response that is not base64 never gets 235',
      offered(model('helo')),
      { verb: 'AUTH', mechanism: 'plain', initial: 'malformed' },
      235,
      false,
    ],
    ['"*" cancels: 501', model('helo'), { verb: 'AUTH-RESPONSE', kind: 'cancel' }, 501, true],
    [
      'wrong credentials never get 235',
      model('helo'),
      { verb: 'AUTH-RESPONSE', kind: 'wrong' },
      235,
      false,
    ],
    ['the account gets 235', model('helo'), { verb: 'AUTH-RESPONSE', kind: 'valid' }, 235, true],
  ])('%s', (_name, m, input, code, allowed) => {
    expect(allows(expectedReply(m, input), code)).toBe(allowed);
  });

  it('chunks carry the transaction; a refused one leaves it open to either reading', () => {
    const m = model('rcpt', 1);
    applyReply(m, { verb: 'BDAT', last: false }, 250);
    expect(m.state).toBe('bdat');
    applyReply(m, { verb: 'BDAT', last: false }, 552);
    expect(m).toMatchObject({ state: 'helo', uncertain: true });
    expect(allows(expectedReply(m, line('DATA')), 354)).toBe(true);
    expect(allows(expectedReply(m, line('RCPT')), 250)).toBe(true);
    applyReply(m, line('RSET'), 250);
    expect(m.uncertain).toBe(false);
  });

  it('EHLO says what is offered; after 235 a foreign recipient may be accepted (RFC 4954 §7)', () => {
    const m = initialModel();
    applyReply(m, line('EHLO'), 250, {
      pipelining: false,
      starttls: false,
      chunking: true,
      auth: ['PLAIN'],
    });
    expect(m).toMatchObject({ chunking: true, auth: ['PLAIN'] });
    applyReply(m, { verb: 'AUTH', mechanism: 'PLAIN', initial: 'valid' }, 235);
    applyReply(m, line('MAIL'), 250);
    expect(m.authenticated).toBe(true);
    expect(allows(expectedReply(m, line('RCPT', true)), 250)).toBe(true);
  });
});
