import { describe, expect, it } from 'vitest';
import {
  checkOctetLimit,
  describeLimitExcess,
  LIMIT_SECTIONS,
  octetLength,
  SMTP_LIMITS,
} from './limits.ts';

describe('SMTP_LIMITS (RFC 5321 §4.5.3.1)', () => {
  it('has the RFC numbers', () => {
    expect(SMTP_LIMITS).toEqual({
      localPart: 64,
      domain: 255,
      path: 256,
      commandLine: 512,
      textLine: 1000,
      replyLine: 512,
      recipients: 100,
    });
    expect(Object.keys(LIMIT_SECTIONS).sort()).toEqual(Object.keys(SMTP_LIMITS).sort());
  });

  it('counts octets, not characters', () => {
    expect(octetLength('abc')).toBe(3);
    expect(octetLength('é')).toBe(2);
    expect(octetLength('中')).toBe(3);
  });

  it('checks a limit inclusively and describes an excess in one line', () => {
    expect(checkOctetLimit('localPart', 'a'.repeat(64))).toBeUndefined();
    const excess = checkOctetLimit('localPart', 'é'.repeat(33));
    expect(excess).toEqual({ limit: 'localPart', max: 64, actual: 66 });
    expect(describeLimitExcess(excess!)).toBe(
      'local-part is 66 octets, limit 64 (RFC 5321 §4.5.3.1.1)',
    );
  });
});
