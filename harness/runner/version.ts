/**
 * The tool's version, read once from package.json (the single source of truth).
 */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * Where package.json is: two levels up in the checkout (harness/runner/), three in the
 * published package (dist/harness/runner/).
 */
const CANDIDATES = ['../../package.json', '../../../package.json'];

/** `x.y.z` from smtpspec's package.json, or `0.0.0` if it cannot be read. */
export function toolVersion(): string {
  if (cached !== undefined) return cached;
  cached = '0.0.0';
  for (const candidate of CANDIDATES) {
    try {
      const text = readFileSync(new URL(candidate, import.meta.url), 'utf8');
      const data = JSON.parse(text) as { name?: unknown; version?: unknown };
      if (data.name !== 'smtpspec') continue;
      if (typeof data.version === 'string') cached = data.version;
      break;
    } catch {
      // Not there (or unreadable): try the next place.
    }
  }
  return cached;
}
