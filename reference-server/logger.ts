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
}

const RANK: Readonly<Record<LogLevel, number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 99,
};

/** A logger that drops everything. */
export const silentLogger: Logger = { log() {} };

/** Writes records at `minLevel` or above to `stream` as JSON lines. */
export function createJsonLogger(stream: Writable, minLevel: LogLevel): Logger {
  return {
    log(level, event, fields = {}) {
      if (RANK[level] < RANK[minLevel]) return;
      const record = { time: new Date().toISOString(), level, event, ...fields };
      stream.write(`${JSON.stringify(record)}\n`);
    },
  };
}

/** A logger that adds `fields` (e.g. the session id) to every record. */
export function childLogger(parent: Logger, fields: LogFields): Logger {
  return { log: (level, event, more) => parent.log(level, event, { ...fields, ...more }) };
}
