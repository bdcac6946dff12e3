/**
 * Reply-code patterns as scenarios write them: an exact code (`250`, `'250'`) or a class
 * pattern of three characters, digits or `x` (`'5xx'`, `'55x'`).
 */
import { CODE_PATTERN } from './rules.ts';
import type { CodePattern } from './types.ts';

/** True when `value` is a well-formed code pattern. */
export function isCodePattern(value: unknown): value is CodePattern {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 200 && value <= 599;
  return typeof value === 'string' && CODE_PATTERN.test(value);
}

/** True when the three-digit `code` matches `pattern`. */
export function matchesCode(pattern: CodePattern, code: number): boolean {
  if (typeof pattern === 'number') return pattern === code;
  const digits = String(code);
  if (digits.length !== 3) return false;
  for (let i = 0; i < 3; i++) {
    const want = pattern[i];
    if (want !== 'x' && want !== digits[i]) return false;
  }
  return true;
}

/** True when `code` matches at least one of `patterns`. */
export function matchesAny(patterns: readonly CodePattern[], code: number): boolean {
  return patterns.some((p) => matchesCode(p, code));
}

/** `503`, `250 or 251`, `250, 251 or 252`: for "expected ..." messages. */
export function describeCodes(patterns: readonly CodePattern[]): string {
  const text = patterns.map(String);
  if (text.length <= 1) return text[0] ?? '(none)';
  return `${text.slice(0, -1).join(', ')} or ${text[text.length - 1]}`;
}
