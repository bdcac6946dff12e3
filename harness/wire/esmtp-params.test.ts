import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandSyntaxError } from './command-error.ts';
import {
  type EsmtpParam,
  findDuplicateKeyword,
  findParam,
  formatEsmtpParams,
  isEsmtpKeyword,
  parseEsmtpParams,
} from './esmtp-params.ts';

describe('parseEsmtpParams (RFC 5321 §4.1.2)', () => {
  it.each<[string, EsmtpParam[]]>([
    ['', []],
    ['SIZE=1000', [{ keyword: 'SIZE', value: '1000' }]],
    ['body=8bitmime', [{ keyword: 'BODY', value: '8bitmime' }]],
    ['SMTPUTF8', [{ keyword: 'SMTPUTF8', value: undefined }]],
    [
      'X-1=a RET=HDRS',
      [
        { keyword: 'X-1', value: 'a' },
        { keyword: 'RET', value: 'HDRS' },
      ],
    ],
    ['ORCPT=rfc822;a+40b.example', [{ keyword: 'ORCPT', value: 'rfc822;a+40b.example' }]],
    ['9X=!~<>', [{ keyword: '9X', value: '!~<>' }]],
  ])('parses %j', (text, params) => {
    expect(parseEsmtpParams(text)).toEqual(params);
  });

  it('keeps duplicates and their order so the caller can reject them', () => {
    const params = parseEsmtpParams('SIZE=1 BODY=7BIT size=2');
    expect(params).toEqual([
      { keyword: 'SIZE', value: '1' },
      { keyword: 'BODY', value: '7BIT' },
      { keyword: 'SIZE', value: '2' },
    ]);
    expect(findDuplicateKeyword(params as EsmtpParam[])).toBe('SIZE');
    expect(findParam(params as EsmtpParam[], 'size')).toEqual({ keyword: 'SIZE', value: '1' });
    expect(findDuplicateKeyword([{ keyword: 'A', value: undefined }])).toBeUndefined();
  });

  it.each([
    ['keyword starting with "-"', '-X=1', /esmtp-keyword/],
    ['underscore in keyword', 'X_Y=1', /esmtp-keyword/],
    ['empty keyword', '=1', /esmtp-keyword/],
    ['empty value', 'SIZE=', /empty esmtp-value/],
    ['"=" in value', 'A=b=c', /"=" in esmtp-value/],
    ['double space', 'A=1  B=2', /empty parameter/],
    ['leading space', ' A=1', /empty parameter/],
    ['non-ASCII value without SMTPUTF8', 'A=é', /U\+00E9/],
    ['DEL in value', 'A=\u007f', /0x7f/],
  ])('rejects %s with 501', (_name, text, reason) => {
    const error = parseEsmtpParams(text);
    expect(error).toBeInstanceOf(CommandSyntaxError);
    expect((error as CommandSyntaxError).suggestedReply).toBe(501);
    expect((error as CommandSyntaxError).reason).toMatch(reason);
  });

  it('accepts UTF-8 values with SMTPUTF8 (RFC 6531 §3.3)', () => {
    expect(parseEsmtpParams('ORCPT=utf-8;jö@x', { smtputf8: true })).toEqual([
      { keyword: 'ORCPT', value: 'utf-8;jö@x' },
    ]);
  });

  it('round-trips formatted parameters', () => {
    const keyword = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,8}$/);
    const value = fc.option(fc.stringMatching(/^[!-<>-~]{1,10}$/), { nil: undefined });
    const params = fc.array(fc.record({ keyword, value }), { maxLength: 5 });
    fc.assert(
      fc.property(params, (ps) => {
        const upper = ps.map((p) => ({ keyword: p.keyword.toUpperCase(), value: p.value }));
        expect(parseEsmtpParams(formatEsmtpParams(ps))).toEqual(upper);
      }),
    );
  });

  it.each([
    ['A', true],
    ['A-1', true],
    ['1', true],
    ['-A', false],
    ['', false],
    ['A.B', false],
  ])('isEsmtpKeyword(%j) is %s', (text, expected) => {
    expect(isEsmtpKeyword(text)).toBe(expected);
  });
});
