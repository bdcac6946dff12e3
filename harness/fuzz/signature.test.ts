// Why these tests? Findings were once deduplicated by verb, so one server that dropped the
// connection whenever CR and LF came in separate writes gave ten findings (RSET, MAIL,
// RCPT, EHLO, ...), filled the cap and ended the campaign in six seconds. A signature is
// the failure kind and the shape of the trigger, which leaves the verb out when the bytes
// say more.
import { describe, expect, it } from 'vitest';
import type { CommandLine, CommandVerb } from './arbitraries/command-line.ts';
import { initialModel, type SessionState, type SmtpModel } from './model.ts';
import { countBucket, lineShape, octetFeatures, signatureOf } from './signature.ts';
import { WHOLE } from './transport.ts';

const line = (verb: CommandVerb, text: string, mutation = ''): CommandLine => ({
  verb,
  text,
  form: mutation === '' ? 'valid' : 'invalid',
  mutation,
});
const at = (state: SessionState, recipients = 0): SmtpModel => ({
  ...initialModel(),
  state,
  recipients,
});
const crlfSplit = { cuts: [], splitBeforeLastLf: true, pauseMs: 0 };

describe('signatureOf(kind, lineShape(...))', () => {
  it('one signature for every verb sent with CR and LF in separate writes', () => {
    const signatures = new Set(
      [
        line('RSET', 'RSET'),
        line('MAIL', 'MAIL FROM:<a@b.test>'),
        line('EHLO', 'EHLO client.test'),
      ].map((l) => signatureOf('drop', lineShape(l, crlfSplit, at('helo')))),
    );
    expect([...signatures]).toEqual(['drop split-before-lf']);
  });

  it('a plain line is told apart by its verb and state, alone or pipelined', () => {
    const rset = (m: SmtpModel, context?: string) =>
      signatureOf('crash', lineShape(line('RSET', 'RSET'), WHOLE, m, context));
    expect(rset(at('rcpt', 201))).toBe('crash RSET in rcpt(101+)');
    expect(rset(at('rcpt', 201), 'pipelined')).toBe(rset(at('rcpt', 201)));
    expect(rset(at('helo'))).not.toBe(rset(at('rcpt', 201)));
  });

  it('a parameter list by its length class and what its entries lack, not by its mutation', () => {
    const many = `MAIL FROM:<a@b.test> ${Array(13).fill('SIZE=1').join(' ')}`;
    const fewer = `MAIL FROM:<a@b.test> ${Array(12).fill('X-A=1').join(' ')}`;
    expect(lineShape(line('MAIL', many, 'param-list'), WHOLE, at('helo'))).toBe(
      'line params:13-100',
    );
    expect(lineShape(line('MAIL', fewer), WHOLE, at('helo'))).toBe('line params:4-12');
    const valueless = signatureOf(
      'crash',
      lineShape(line('RCPT', 'RCPT TO:<a@b.test> NOTIFY', 'bad-params'), WHOLE, at('mail')),
    );
    expect(valueless).toBe('crash param-without-value');
    expect(
      signatureOf(
        'crash',
        lineShape(line('RCPT', 'RCPT TO:<a@b.test>x', 'path-then-text'), WHOLE, at('mail')),
      ),
    ).toBe(valueless);
  });

  it('a line servers may frame either way is known by its framing alone', () => {
    const long = `MAIL FROM:<a@b.test> X-PAD=${'x'.repeat(600)}`;
    expect(lineShape(line('MAIL', long, 'over-long'), WHOLE, at('helo'))).toBe('line over-512');
    expect(lineShape(line('NOOP', 'NO\nOP', 'bare-lf'), WHOLE, at('helo'))).toBe('line bare-lf');
  });
});

describe('octetFeatures and countBucket', () => {
  it('names the octet classes servers get wrong', () => {
    expect(octetFeatures('a\0b\rc\nd\xe9\x01')).toEqual([
      'nul',
      'bare-cr',
      'bare-lf',
      '8bit',
      'control',
    ]);
    expect(octetFeatures('NOOP')).toEqual([]);
  });

  it('buckets counts so that a shrunk count keeps its class', () => {
    expect([0, 1, 3, 12, 13, 100, 101, 1000].map(countBucket)).toEqual([
      '0',
      '1',
      '2-3',
      '4-12',
      '13-100',
      '13-100',
      '101+',
      '101+',
    ]);
  });
});

describe('signatureOf for smuggling', () => {
  it('one signature per look-alike, whatever the content before it', () => {
    const triggers = [
      'mail data look-alike "\\n.\\n"',
      'mail data many-lines look-alike "\\n.\\n"',
      'mail data over-long-line look-alike "\\n.\\n"',
      'mail data line-1000 look-alike "\\n.\\n" split',
    ];
    expect(new Set(triggers.map((t) => signatureOf('smuggling', t)))).toEqual(
      new Set(['smuggling mail data look-alike "\\n.\\n"']),
    );
    expect(signatureOf('smuggling', 'mail data look-alike "\\r.\\r\\n"')).not.toBe(
      signatureOf('smuggling', 'mail data look-alike "\\n.\\n"'),
    );
  });

  it('keeps the content features for other kinds', () => {
    expect(signatureOf('crash', 'mail data over-long-line')).toBe('crash mail data over-long-line');
  });
});
