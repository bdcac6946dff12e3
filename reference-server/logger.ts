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

/** Writes records at `minLevel` or above to `stream` as JSON lines. */
export function createJsonLogger(stream: Writable, minLevel: LogLevel): Logger {
  const min = RANK[minLevel];
  return {
    log(level, event, fields = {}) {
      if (RANK[level] < min) return;
      const record = { time: new Date().toISOString(), level, event, ...fields };
      stream.write(`${JSON.stringify(record)}\n`);
    },
    enabled: (level) => RANK[level] >= min,
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
