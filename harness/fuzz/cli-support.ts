/**
 * What `smtpspec fuzz` and `smtpspec replay` share: where they write, and integer flags.
 */
import { UsageError } from '../errors.ts';

/** Where the commands write; defaults to the process streams. */
export interface FuzzIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stderrIsTty: boolean;
}

/** The process's own streams. */
export function processIo(): FuzzIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stderrIsTty: process.stderr.isTTY === true,
  };
}

/** An integer flag within bounds; `undefined` when absent. */
export function intFlag(
  value: string | undefined,
  flag: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag}: expected an integer from ${min} to ${max}, got '${value}'`);
  }
  return Number(value);
}
