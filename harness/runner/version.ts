/**
 * The tool's version, read once from package.json (the single source of truth).
 */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** `x.y.z` from package.json, or `0.0.0` if it cannot be read. */
export function toolVersion(): string {
  if (cached !== undefined) return cached;
  try {
    const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    const version = (JSON.parse(text) as { version?: unknown }).version;
    cached = typeof version === 'string' ? version : '0.0.0';
  } catch {
    cached = '0.0.0';
  }
  return cached;
}
