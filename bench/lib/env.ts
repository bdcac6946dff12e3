/**
 * Benchmark knobs from the environment, validated: a bad value stops the script with a
 * one-line reason instead of running a meaningless benchmark.
 */

/** An integer from `name`, or `fallback` when unset; throws if outside `min..max`. */
export function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name}: expected an integer from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}
