import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../wire/command.ts';
import { SMTP_LIMITS } from '../../wire/limits.ts';
import { COMMAND_VERBS, commandLine } from './commands.ts';
import type { Form } from './form.ts';
import { parsesStrictlyAs } from './strict-parse.ts';

const RUNS = { numRuns: 200 };
const VALID: Form[] = ['valid', 'boundary'];

describe.each(COMMAND_VERBS)('%s lines', (verb) => {
  it.each(VALID)('%s lines parse strictly as the verb', (form) => {
    fc.assert(
      fc.property(commandLine(verb, form), (line) => {
        expect(line.verb).toBe(verb);
        return parsesStrictlyAs(line.text, verb);
      }),
      RUNS,
    );
  });

  it('invalid lines do not parse strictly as the verb', () => {
    fc.assert(
      fc.property(commandLine(verb, 'invalid'), (line) => {
        expect(line.form).toBe('invalid');
        expect(line.mutation).not.toBe('');
        return !parsesStrictlyAs(line.text, verb);
      }),
      RUNS,
    );
  });
});

describe('boundary sizes', () => {
  /** The size a boundary mutation claims to reach, measured on the line itself. */
  function measured(text: string, mutation: string): boolean {
    switch (mutation) {
      case 'line-512':
        return text.length + 2 === SMTP_LIMITS.commandLine;
      case 'domain-255':
        return text.slice(text.indexOf(' ') + 1).length === SMTP_LIMITS.domain;
      case 'path-256':
        return text.slice(text.indexOf('<'), text.lastIndexOf('>') + 1).length === SMTP_LIMITS.path;
      case 'null-path':
        return text.endsWith(':<>');
      case 'local-part-64': {
        const path = text.slice(text.indexOf('<') + 1, text.lastIndexOf('>'));
        return path.slice(0, path.lastIndexOf('@')).length === SMTP_LIMITS.localPart;
      }
      default:
        return false;
    }
  }

  it.each(['EHLO', 'HELO', 'MAIL', 'RCPT', 'VRFY', 'EXPN', 'HELP', 'NOOP', 'UNKNOWN'] as const)(
    '%s boundary lines hit the size they name',
    (verb) => {
      fc.assert(
        fc.property(commandLine(verb, 'boundary'), (l) => measured(l.text, l.mutation)),
        RUNS,
      );
    },
  );

  it('MAIL and RCPT reach every boundary kind', () => {
    const kinds = new Set(
      fc.sample(commandLine('RCPT', 'boundary'), { numRuns: 200, seed: 3 }).map((l) => l.mutation),
    );
    expect([...kinds].sort()).toEqual(['line-512', 'local-part-64', 'path-256']);
  });
});

describe('invalid forms', () => {
  // Why this test? The fuzzer is only as good as its mutation set: each kind the brief names
  // (case, spaces, tabs, NUL, 8-bit, bare CR/LF, over-long, brackets, parameters) must occur.
  it('cover the shared line mutations and the MAIL grammar defects', () => {
    const mutations = new Set(
      fc.sample(commandLine('MAIL', 'invalid'), { numRuns: 3000, seed: 11 }).map((l) => l.mutation),
    );
    for (const m of [
      'nul',
      'tab',
      'bare-cr',
      'bare-lf',
      '8bit',
      'over-long',
      'trailing-space',
      'missing-space-after-verb',
      'double-space-after-verb',
      'space-after-colon-2',
      'bad-path',
      'bad-params',
    ]) {
      expect(mutations, m).toContain(m);
    }
  });

  it('over-long lines exceed 512 octets and get the limit error', () => {
    const longOnes = fc
      .sample(commandLine('NOOP', 'invalid'), { numRuns: 2000, seed: 5 })
      .filter((l) => l.mutation === 'over-long');
    expect(longOnes.length).toBeGreaterThan(0);
    for (const l of longOnes) {
      const parsed = parseCommand(Buffer.from(l.text, 'latin1'));
      expect(parsed.ok ? 'ok' : parsed.error.code).toBe('SMTPSPEC_ERR_LIMIT');
    }
  });

  it('valid lines include mixed-case verbs (RFC 5321 §2.4)', () => {
    const texts = fc
      .sample(commandLine('RSET', 'valid'), { numRuns: 300, seed: 9 })
      .map((l) => l.text);
    expect(texts.some((t) => t !== 'RSET')).toBe(true);
  });
});
