/**
 * Where the CLI writes, so commands can be tested without touching the real streams.
 */
import type { CaseSource } from '../scenario/cases.ts';

/** The two output streams, and whether stderr is a terminal (for live progress). */
export interface StreamIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Progress on a terminal is live (a line per case, a redrawn fuzz line); elsewhere (CI,
   * a pipe) a plain line every few seconds.
   */
  stderrIsTty: boolean;
  /** How often the plain progress line is written when stderr is not a terminal (ms). */
  progressIntervalMs?: number;
}

/** Output streams and terminal facts of one CLI invocation. */
export interface CliIo extends StreamIo {
  /** ANSI colours in the console report. */
  color: boolean;
  /** Where built-in suites come from (tests point this at a temporary tree). */
  cases?: CaseSource;
}

/** The process's own streams; colour on a terminal unless NO_COLOR is set. */
export function processIo(): CliIo {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
    color: process.stdout.isTTY === true && !noColor,
  };
}
