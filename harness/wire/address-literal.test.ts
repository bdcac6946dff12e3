import { isIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAddressLiteral, isIpv4AddressLiteral, isIpv6Address } from './address-literal.ts';

describe('IPv4 address literals (RFC 5321 §4.1.3)', () => {
  it.each(['0.0.0.0', '192.0.2.1', '255.255.255.255', '001.02.3.4'])('accepts %s', (text) => {
    expect(isIpv4AddressLiteral(text)).toBe(true);
  });
  it.each([
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '1..3.4',
    '1.2.3.0004',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '1.2.3.a',
    '',
  ])('rejects %j', (text) => {
    expect(isIpv4AddressLiteral(text)).toBe(false);
  });
});

describe('IPv6 address literals (RFC 5321 §4.1.3)', () => {
  it.each([
    ['IPv6-full', '2001:db8:0:0:0:0:0:1'],
    ['IPv6-full upper hex', 'FFFF:ABCD:0:0:0:0:0:1'],
    ['IPv6-comp all zeros', '::'],
    ['IPv6-comp trailing', '2001:db8::'],
    ['IPv6-comp leading', '::1'],
    ['IPv6-comp middle', '2001:db8::1'],
    ['IPv6-comp with 6 groups', '1:2:3::4:5:6'],
    ['IPv6v4-full', '0:0:0:0:0:ffff:192.0.2.1'],
    ['IPv6v4-comp bare', '::192.0.2.1'],
    ['IPv6v4-comp prefix', '::ffff:192.0.2.1'],
    ['IPv6v4-comp with 4 groups', '1:2::3:4:192.0.2.1'],
  ])('accepts %s: %s', (_name, text) => {
    expect(isIpv6Address(text)).toBe(true);
  });

  it.each([
    ['7 groups', '1:2:3:4:5:6:7'],
    ['9 groups', '1:2:3:4:5:6:7:8:9'],
    ['"::" standing for one group (7 others)', '1:2:3:4::5:6:7'],
    ['two "::"', '1::2::3'],
    ['":::"', '1:::2'],
    ['5-digit group', '12345::1'],
    ['non-hex', 'g::1'],
    ['leading single colon', ':1:2:3:4:5:6:7'],
    ['trailing single colon', '1:2:3:4:5:6:7:'],
    ['IPv4 with 7 hex groups', '1:2:3:4:5:6:7:1.2.3.4'],
    ['IPv4-comp with 5 groups', '1:2:3::4:5:1.2.3.4'],
    ['bad embedded IPv4', '::ffff:300.1.1.1'],
    ['IPv4 not last', '::1.2.3.4:1'],
    ['empty', ''],
    ['no colon', '1.2.3.4'],
  ])('rejects %s: %j', (_name, text) => {
    expect(isIpv6Address(text)).toBe(false);
  });

  // Why this test? Node's parser is more liberal than §4.1.3 (it lets "::" stand for one
  // group), so it is a sound oracle in one direction: whatever we accept, it must accept.
  it('accepts only strings that node:net also calls IPv6', () => {
    const alphabet = fc.constantFrom(
      ...'0123456789abcdefABCDEF:.'.split(''),
      '::',
      'ffff',
      '1.2.3.4',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        if (isIpv6Address(text)) expect(isIPv6(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every RFC form generated from eight groups', () => {
    const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    const groups = fc.array(group, { minLength: 8, maxLength: 8 });
    const cut = fc.record({ start: fc.nat({ max: 7 }), length: fc.integer({ min: 2, max: 8 }) });
    fc.assert(
      fc.property(groups, fc.option(cut), (gs, c) => {
        let text = gs.join(':');
        if (c !== null && c.start + c.length <= 8) {
          text = `${gs.slice(0, c.start).join(':')}::${gs.slice(c.start + c.length).join(':')}`;
        }
        expect(isIpv6Address(text)).toBe(true);
        expect(isIPv6(text)).toBe(true);
      }),
    );
  });
});

describe('checkAddressLiteral', () => {
  it.each([
    ['192.0.2.1', 'ipv4'],
    ['IPv6:2001:db8::1', 'ipv6'],
    ['ipv6:::1', 'ipv6'],
    ['x-tag:some-content', 'general'],
    ['Tag9:a!b~c', 'general'],
    // RFC 5321 §4.1.2: Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig may start with "-".
    ['-tag:x', 'general'],
  ])('classifies [%s] as %s', (content, kind) => {
    expect(checkAddressLiteral(content)).toEqual({ ok: true, kind });
  });

  it.each([
    ['', /empty/],
    ['300.0.0.1', /IPv4/],
    ['IPv6:1.2.3.4', /IPv6/],
    ['IPv6:zz::1', /IPv6/],
    ['ta_g:x', /Ldh-str/],
    ['tag-:x', /Ldh-str/],
    ['tag:', /no content/],
    ['tag:a b', /dcontent/],
    ['tag:a\\b', /dcontent/],
  ])('rejects [%s]', (content, reason) => {
    const check = checkAddressLiteral(content);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });
});
