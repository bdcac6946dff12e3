import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDomainArgument, parseMailbox, parsePath } from '../../wire/address.ts';
import { checkAddressLiteral } from '../../wire/address-literal.ts';
import { CommandSyntaxError } from '../../wire/command-error.ts';
import { findDuplicateKeyword, parseEsmtpParams } from '../../wire/esmtp-params.ts';
import { SMTP_LIMITS } from '../../wire/limits.ts';
import { addressLiteral } from './address-literal.ts';
import { domain, domainOfLength } from './domain.ts';
import { esmtpParams } from './esmtp-param.ts';
import type { Form } from './form.ts';
import { localPart } from './local-part.ts';
import { type PathDirection, path } from './path.ts';

const RUNS = { numRuns: 300 };
const ok = <T>(v: T | CommandSyntaxError): v is T => !(v instanceof CommandSyntaxError);
const VALID_FORMS: Form[] = ['valid', 'boundary'];

describe('domain', () => {
  it.each(VALID_FORMS)('%s domains parse as a Domain (RFC 5321 §4.1.2)', (form) => {
    fc.assert(
      fc.property(domain({ form }), (d) => {
        const parsed = parseDomainArgument(d);
        return ok(parsed) && !parsed.isAddressLiteral;
      }),
      RUNS,
    );
  });

  it('boundary domains are exactly 255 octets', () => {
    fc.assert(
      fc.property(domain({ form: 'boundary' }), (d) => d.length === SMTP_LIMITS.domain),
      RUNS,
    );
  });

  it('invalid domains do not parse', () => {
    fc.assert(
      fc.property(domain({ form: 'invalid' }), (d) => !ok(parseDomainArgument(d))),
      RUNS,
    );
  });

  it.each([1, 2, 63, 64, 127, 128, 189, 255])('domainOfLength(%i) is valid and exact', (n) => {
    fc.assert(
      fc.property(domainOfLength(n), (d) => d.length === n && ok(parseDomainArgument(d))),
      { numRuns: 20 },
    );
  });
});

describe('address literal', () => {
  it.each(VALID_FORMS)('%s literals parse (RFC 5321 §4.1.3)', (form) => {
    fc.assert(
      fc.property(addressLiteral({ form }), (a) => {
        const parsed = parseDomainArgument(a);
        return ok(parsed) && parsed.isAddressLiteral && a.length <= SMTP_LIMITS.domain;
      }),
      RUNS,
    );
  });

  it.each(['ipv4', 'ipv6', 'general'] as const)(
    'valid %s literals are classified as such',
    (kind) => {
      fc.assert(
        fc.property(addressLiteral({ kinds: [kind] }), (a) => {
          const check = checkAddressLiteral(a.slice(1, -1));
          return check.ok && check.kind === kind;
        }),
        RUNS,
      );
    },
  );

  it('boundary general literals reach exactly 255 octets', () => {
    fc.assert(
      fc.property(
        addressLiteral({ form: 'boundary', kinds: ['general'] }),
        (a) => a.length === 255,
      ),
      { numRuns: 50 },
    );
  });

  it('invalid literals do not parse as a domain or literal', () => {
    fc.assert(
      fc.property(addressLiteral({ form: 'invalid' }), (a) => !ok(parseDomainArgument(a))),
      RUNS,
    );
  });
});

describe('local part', () => {
  const mailboxOf = (l: string) => parseMailbox(`${l}@example.test`);

  it.each(VALID_FORMS)('%s local parts parse (Dot-string / Quoted-string)', (form) => {
    fc.assert(
      fc.property(localPart({ form }), (l) => ok(mailboxOf(l))),
      RUNS,
    );
  });

  it.each(['dot-string', 'quoted-string'] as const)(
    'boundary %s local parts are exactly 64 octets',
    (style) => {
      fc.assert(
        fc.property(localPart({ form: 'boundary', styles: [style] }), (l) => {
          const quoted = l.startsWith('"');
          return l.length === SMTP_LIMITS.localPart && quoted === (style === 'quoted-string');
        }),
        RUNS,
      );
    },
  );

  it('invalid local parts do not parse', () => {
    fc.assert(
      fc.property(localPart({ form: 'invalid' }), (l) => !ok(mailboxOf(l))),
      RUNS,
    );
  });
});

describe('path', () => {
  const parsesAs = (p: string, direction: PathDirection) => {
    const parsed = parsePath(p);
    return ok(parsed) && (direction === 'reverse' || parsed.mailbox !== null);
  };

  it.each([
    ['valid', 'reverse'],
    ['valid', 'forward'],
    ['boundary', 'reverse'],
    ['boundary', 'forward'],
  ] as const)('%s %s paths parse', (form, direction) => {
    fc.assert(
      fc.property(path({ form, direction }), (p) => parsesAs(p, direction)),
      RUNS,
    );
  });

  it('reverse paths include the null path and source routes', () => {
    const seen = fc.sample(path({ direction: 'reverse' }), { numRuns: 400, seed: 7 });
    expect(seen).toContain('<>');
    expect(seen.some((p) => p.startsWith('<@'))).toBe(true);
  });

  it('boundary paths are 256 octets or carry a 64-octet local part', () => {
    fc.assert(
      fc.property(path({ form: 'boundary', direction: 'forward' }), (p) => {
        const local = p.slice(1, p.lastIndexOf('@'));
        return p.length === SMTP_LIMITS.path || local.length === SMTP_LIMITS.localPart;
      }),
      RUNS,
    );
  });

  it.each(['reverse', 'forward'] as const)('invalid %s paths do not parse', (direction) => {
    fc.assert(
      fc.property(path({ form: 'invalid', direction }), (p) => !parsesAs(p, direction)),
      RUNS,
    );
  });
});

describe('esmtp parameters', () => {
  const parses = (text: string) => {
    const params = parseEsmtpParams(text);
    return ok(params) && findDuplicateKeyword(params) === undefined;
  };

  it.each(VALID_FORMS)('%s parameter lists parse', (form) => {
    fc.assert(fc.property(esmtpParams({ form, keywords: ['SIZE', 'BODY'] }), parses), RUNS);
  });

  it('invalid lists are rejected or repeat a keyword', () => {
    fc.assert(
      fc.property(esmtpParams({ form: 'invalid' }), (t) => !parses(t)),
      RUNS,
    );
  });
});
