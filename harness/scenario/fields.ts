/**
 * Small typed readers for untrusted JSON-like input. Each reader either returns a value of
 * the right type or throws a ConfigError naming the exact field, e.g.
 * `scenarios[2].steps[1].expect.codes[0]: expected a code like 250 or '5xx'`.
 */
import { ConfigError } from '../errors.ts';

/** Where a value sits in the input document. */
export class FieldPath {
  /** Prefix shown before the path, e.g. the file name; may be empty. */
  readonly origin: string;
  /** e.g. `scenarios[2].steps[1]`; empty for the document root. */
  readonly text: string;

  constructor(origin: string, text = '') {
    this.origin = origin;
    this.text = text;
  }

  at(key: string): FieldPath {
    return new FieldPath(this.origin, this.text === '' ? key : `${this.text}.${key}`);
  }

  index(i: number): FieldPath {
    return new FieldPath(this.origin, `${this.text}[${i}]`);
  }

  /** `origin: path`, as error messages name the field. */
  get field(): string {
    const where = this.text === '' ? '(top level)' : this.text;
    return this.origin === '' ? where : `${this.origin}: ${where}`;
  }

  /** One error line: `origin: path: message`. */
  line(message: string): string {
    return `${this.field}: ${message}`;
  }

  /** Throws a ConfigError whose field is `origin: path`. */
  fail(message: string): never {
    throw new ConfigError(message, this.field);
  }
}

/** Short rendering of a bad value for messages, bounded in length. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A plain object whose keys are all in `allowed` (`'any'`: no key check). */
export function readObject(
  value: unknown,
  path: FieldPath,
  allowed: readonly string[] | 'any',
  what = 'an object',
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    path.fail(`expected ${what}, got ${show(value)}`);
  }
  const record = value as Record<string, unknown>;
  if (allowed === 'any') return record;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      path.at(key).fail(`unknown field (allowed here: ${allowed.join(', ')})`);
    }
  }
  return record;
}

/** A non-empty string, optionally matching `rule.pattern`. */
export function readString(
  value: unknown,
  path: FieldPath,
  rule?: { pattern: RegExp; expected: string },
): string {
  if (typeof value !== 'string' || value.length === 0) {
    path.fail(`expected ${rule?.expected ?? 'a non-empty string'}, got ${show(value)}`);
  }
  if (rule && !rule.pattern.test(value)) path.fail(`expected ${rule.expected}, got ${show(value)}`);
  return value;
}

/** Any string, the empty string included (message content, raw bytes). */
export function readText(value: unknown, path: FieldPath): string {
  if (typeof value !== 'string') path.fail(`expected a string, got ${show(value)}`);
  return value;
}

/** `true` or `false`. */
export function readBoolean(value: unknown, path: FieldPath): boolean {
  if (typeof value !== 'boolean') path.fail(`expected true or false, got ${show(value)}`);
  return value;
}

/** An integer in [min, max]; `unit` is appended to the message (`ms`). */
export function readInteger(
  value: unknown,
  path: FieldPath,
  min: number,
  max: number,
  unit = '',
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const suffix = unit === '' ? '' : ` ${unit}`;
    path.fail(`expected an integer from ${min} to ${max}${suffix}, got ${show(value)}`);
  }
  return value;
}

/** A non-empty array, each element read by `item`. */
export function readArray<T>(
  value: unknown,
  path: FieldPath,
  item: (v: unknown, p: FieldPath) => T,
  options: { allowEmpty?: boolean; what?: string } = {},
): T[] {
  const what = options.what ?? 'a list';
  if (!Array.isArray(value)) path.fail(`expected ${what}, got ${show(value)}`);
  if (value.length === 0 && options.allowEmpty !== true) path.fail(`expected ${what}, got []`);
  return value.map((v, i) => item(v, path.index(i)));
}

/** One of the listed string literals. */
export function readEnum<T extends string>(
  value: unknown,
  path: FieldPath,
  choices: readonly T[],
): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    path.fail(`expected one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

/** Reads `record[key]` with `reader` when present; undefined when absent. */
export function optional<T>(
  record: Record<string, unknown>,
  key: string,
  path: FieldPath,
  reader: (v: unknown, p: FieldPath) => T,
): T | undefined {
  const value = record[key];
  return value === undefined ? undefined : reader(value, path.at(key));
}
