/**
 * A CliIo for tests that keeps what a command writes: stdout in `out`, stderr in `err`.
 * Not a terminal and no colour unless asked.
 */
import type { CliIo } from '../io.ts';

export interface CapturedIo extends CliIo {
  out: string;
  err: string;
}

export function captureIo(
  options: { stderrIsTty?: boolean; progressIntervalMs?: number } = {},
): CapturedIo {
  const io: CapturedIo = {
    out: '',
    err: '',
    stderrIsTty: options.stderrIsTty ?? false,
    color: false,
    stdout: (t) => {
      io.out += t;
    },
    stderr: (t) => {
      io.err += t;
    },
  };
  if (options.progressIntervalMs !== undefined) io.progressIntervalMs = options.progressIntervalMs;
  return io;
}
