/**
 * Structured logging for the reference MTA: one JSON object per line
 * (`{"time":"...","level":"info","event":"session.open","session":"a1b2",...}`).
 */
import type { Writable } from 'node:stream';
import type { LogLevel } from './config.ts';

/** Fields of one log record besides time, level and event. */
export type LogFields = Record<string, string | number | boolean | undefined | null | string[]>;

/** Where the server reports what happens. `event` is a stable dotted name. */
export interface Logger {
  log(level: Exclude<LogLevel, 'silent'>, event: string, fields?: LogFields): void;
  /** False when records at `level` are dropped (callers may then skip building them). */
  enabled?(level: Exclude<LogLevel, 'silent'>): boolean;
}

const RANK: Readonly<Record<LogLevel, number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 99,
};

/** A logger that drops everything. */
export const silentLogger: Logger = { log() {}, enabled: () => false };

/** Octets of batched records that are written at once, without waiting for the batch's end. */
const BATCH_LIMIT = 64 * 1024;

/**
 * Writes records at `minLevel` or above to `stream` as JSON lines. `batch`: the records of
 * one turn of the event loop go out in one write at its end (`setImmediate`), not one write
 * each: under load (20 sessions, 4 records a message) a fraction of the system calls, and of
 * the work of whatever reads the other end of a pipe (issue 16). What is pending is written
 * when the process exits; a `kill -9` loses at most that one turn's records.
 */
export function createJsonLogger(
  stream: Writable,
  minLevel: LogLevel,
  options: { batch?: boolean } = {},
): Logger {
  const min = RANK[minLevel];
  const write =
    options.batch === true ? batchedWriter(stream) : (line: string) => stream.write(line);
  return {
    log(level, event, fields = {}) {
      if (RANK[level] < min) return;
      const record = { time: new Date().toISOString(), level, event, ...fields };
      write(`${JSON.stringify(record)}\n`);
    },
    enabled: (level) => RANK[level] >= min,
  };
}

/** Flushes of batched loggers with records pending: written at exit if still pending then. */
const unflushed = new Set<() => void>();
let exitHooked = false;

function batchedWriter(stream: Writable): (line: string) => void {
  let pending = '';
  const flush = () => {
    unflushed.delete(flush);
    if (pending === '') return;
    const text = pending;
    pending = '';
    stream.write(text);
  };
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => {
      for (const pendingFlush of [...unflushed]) pendingFlush();
    });
  }
  return (line) => {
    pending += line;
    if (pending.length >= BATCH_LIMIT) flush();
    else if (!unflushed.has(flush)) {
      unflushed.add(flush);
      setImmediate(flush);
    }
  };
}

/** A logger that adds `fields` (e.g. the session id) to every record. */
export function childLogger(parent: Logger, fields: LogFields): Logger {
  // A dropped record (debug, usually) costs no object: the level is checked first.
  const enabled = (level: Exclude<LogLevel, 'silent'>) => parent.enabled?.(level) ?? true;
  return {
    log: (level, event, more) => {
      if (enabled(level)) parent.log(level, event, { ...fields, ...more });
    },
    enabled,
  };
}
