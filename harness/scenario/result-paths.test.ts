import { describe, expect, it } from 'vitest';
import { ERROR_CODES, hasErrorCode } from '../errors.ts';
import {
  assertSafeId,
  transcriptJsonPath,
  transcriptPath,
  unsafeIdReason,
} from './result-paths.ts';

describe('transcriptPath', () => {
  it('turns the id slashes into directories', () => {
    expect(transcriptPath('rfc5321/4.1.4/rcpt-before-mail')).toBe(
      'transcripts/rfc5321/4.1.4/rcpt-before-mail.txt',
    );
    expect(transcriptJsonPath('fuzz/seed-42')).toBe('transcripts/fuzz/seed-42.json');
  });

  it.each([
    ['', 'is empty'],
    ['../escape', 'has a ".." path segment'],
    ['a/../../etc/passwd', 'has a ".." path segment'],
    ['a/./b', 'has a "." path segment'],
    ['/etc/passwd', 'is an absolute path'],
    ['\\\\server\\share', 'is an absolute path'],
    ['C:\\windows', 'may only use'],
    ['C:/windows', 'may only use'],
    ['a\u0000b', 'contains NUL'],
    ['a//b', 'has an empty path segment'],
    ['a/b/', 'has an empty path segment'],
    ['a\\..\\b', 'may only use'],
    ['a b', 'may only use'],
    ['a\nb', 'may only use'],
    ['x'.repeat(201), 'is longer than 200'],
  ])('rejects %j (%s)', (id, reason) => {
    expect(unsafeIdReason(id)).toContain(reason);
    let thrown: unknown;
    try {
      transcriptPath(id);
    } catch (err) {
      thrown = err;
    }
    expect(hasErrorCode(thrown, ERROR_CODES.config)).toBe(true);
    expect((thrown as Error).message).toContain(`id ${JSON.stringify(id)}: unsafe case id`);
  });

  it.each(['rfc5321/4.1.1.4/bare-lf-dot', 'a', 'x_y+z/.hidden', 'RFC-1869/v2.0'])(
    'accepts %j',
    (id) => {
      expect(() => assertSafeId(id)).not.toThrow();
    },
  );
});
