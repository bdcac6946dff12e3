// Why these tests? The generators that reach deep inputs must produce what they claim:
// parameter lists past a dozen entries of every kind, BDAT chunks whose octets match their
// size unless they are meant to lie, AUTH responses that are base64 unless meant not to be.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../wire/command.ts';
import { authPlan } from './auth.ts';
import { bdatChunks } from './bdat.ts';
import { PARAM_ENTRY_KINDS, paramList } from './esmtp-param.ts';
import { paramListCommand } from './mail-rcpt.ts';
import { paramDictionaries } from './param-dictionary.ts';

const RUNS = { numRuns: 300 };
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

describe('parameter lists', () => {
  const dictionaries = paramDictionaries(['SIZE 1000', '8BITMIME', 'DSN', 'SMTPUTF8', 'X-OWN']);

  it('take their valid keywords from what the target advertised', () => {
    expect(Object.keys(dictionaries.mail).sort()).toEqual(
      ['BODY', 'ENVID', 'RET', 'SIZE', 'SMTPUTF8', 'X-OWN'].sort(),
    );
    expect(Object.keys(dictionaries.rcpt).sort()).toEqual(['NOTIFY', 'ORCPT', 'X-OWN'].sort());
  });

  it('reach 24 entries and every kind of entry', () => {
    const lists = fc.sample(paramList(dictionaries.mail), { numRuns: 2000, seed: 7 });
    expect(Math.max(...lists.map((l) => l.kinds.length))).toBe(24);
    expect(lists.filter((l) => l.kinds.length > 12).length).toBeGreaterThan(400);
    expect(new Set(lists.flatMap((l) => l.kinds))).toEqual(new Set(PARAM_ENTRY_KINDS));
  });

  it('a list of valid entries with distinct keywords is a MAIL line the codec parses', () => {
    fc.assert(
      fc.property(paramListCommand('MAIL', dictionaries.mail), (line) => {
        if (line.form !== 'valid' || line.text.length > 510) return true;
        return parseCommand(Buffer.from(line.text, 'latin1')).ok;
      }),
      RUNS,
    );
  });
});

describe('BDAT chunks (RFC 3030 §2)', () => {
  it('an exact chunk carries as many octets as its line declares; the rest lie on purpose', () => {
    fc.assert(
      fc.property(bdatChunks(), (chunks) =>
        chunks.every((c) => {
          const declared = /^BDAT (\d+)/.exec(c.line)?.[1];
          if (c.framing === 'exact') return Number(declared) === c.payload.length;
          if (c.framing === 'long') return Number(declared) === c.payload.length - 1;
          if (c.framing === 'short' || c.framing === 'huge')
            return BigInt(declared ?? '0') > BigInt(c.payload.length);
          return c.payload === '';
        }),
      ),
      RUNS,
    );
  });

  it('chunks of size 0, LAST anywhere, and a LAST only where the chunk says so', () => {
    const all = fc.sample(bdatChunks(), { numRuns: 1000, seed: 3 }).flat();
    expect(all.some((c) => c.line === 'BDAT 0' && c.framing === 'exact')).toBe(true);
    expect(all.some((c) => c.line === 'BDAT 0 LAST')).toBe(true);
    for (const c of all.filter((x) => x.framing !== 'bad-line'))
      expect(/ last$/i.test(c.line)).toBe(c.last);
  });
});

describe('AUTH exchanges (RFC 4954 §4)', () => {
  const creds = { user: 'alice@smtpspec.test', pass: 'secret' };

  it('responses are base64 unless made not to be; "*" cancels, but only after a 334', () => {
    fc.assert(
      fc.property(
        authPlan(['PLAIN', 'LOGIN'], creds),
        (plan) =>
          // RFC 4954 §4: initial-response = base64 / "=": an initial "*" is malformed.
          plan.initial?.kind !== 'cancel' &&
          [...(plan.initial ? [plan.initial] : []), ...plan.responses].every((r) => {
            if (r.kind === 'malformed') return !BASE64.test(r.text);
            if (r.kind === 'cancel') return r.text === '*';
            if (r.kind === 'empty') return r.text === '=';
            return BASE64.test(r.text);
          }),
      ),
      RUNS,
    );
  });

  it('the account is used only when the target has one', () => {
    const kinds = (c?: typeof creds) =>
      new Set(
        fc
          .sample(authPlan(['PLAIN'], c), { numRuns: 500, seed: 1 })
          .flatMap((p) => [p.initial?.kind, ...p.responses.map((r) => r.kind)]),
      );
    expect(kinds(creds)).toContain('valid');
    expect(kinds(undefined)).not.toContain('valid');
    expect(kinds(creds)).toContain('over-long');
  });
});
