import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dotStuff } from '../../wire/dot-stuffing.ts';
import { dotUnstuff } from '../../wire/dot-unstuffing.ts';
import { SMTP_LIMITS } from '../../wire/limits.ts';
import { dataContent, smugglingProbe } from './data-content.ts';

const RUNS = { numRuns: 200 };
const wire = (text: string) => dotUnstuff(dotStuff(Buffer.from(text, 'latin1')));

describe('data content', () => {
  it.each(['valid', 'boundary'] as const)(
    '%s content survives stuffing with no decoder event',
    (form) => {
      fc.assert(
        fc.property(dataContent({ form }), (c) => {
          const decoded = wire(c.text);
          return (
            decoded.isDone &&
            decoded.events.length === 0 &&
            decoded.content.toString('latin1') === c.text
          );
        }),
        RUNS,
      );
    },
  );

  it('boundary content has a line of exactly 1000 octets with its CRLF', () => {
    fc.assert(
      fc.property(dataContent({ form: 'boundary' }), (c) =>
        c.text.split('\r\n').some((l) => l.length + 2 === SMTP_LIMITS.textLine),
      ),
      RUNS,
    );
  });

  it('invalid content breaks a rule the decoder reports, or carries NUL / 8-bit octets', () => {
    fc.assert(
      fc.property(dataContent({ form: 'invalid' }), (c) => {
        const decoded = wire(c.text);
        return decoded.events.length > 0 || /[\x00\x80-\xff]/.test(c.text);
      }),
      RUNS,
    );
  });

  it('produces dot lines and lines of only spaces', () => {
    const features = new Set(
      fc.sample(dataContent(), { numRuns: 300, seed: 1 }).flatMap((c) => c.features),
    );
    expect(features).toContain('dot-line');
    expect(features).toContain('spaces-only');
  });

  it('smuggling look-alikes are never the real terminator and carry a label', () => {
    fc.assert(
      fc.property(
        smugglingProbe(),
        (p) => (p.lookAlike as string) !== '\r\n.\r\n' && p.exploitability.length > 0,
      ),
      { numRuns: 50 },
    );
  });
});
