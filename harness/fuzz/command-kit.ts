/**
 * What every fuzz command shares: its type, how it prints (every octet visible), and the
 * few model tests the commands make before and while they run.
 */
import type fc from 'fast-check';
import { visibleBytes } from '../wire/visible.ts';
import type { CommandLine } from './arbitraries/command-line.ts';
import type { SessionDriver } from './driver.ts';
import type { SmtpModel } from './model.ts';
import { isWhole, type Transport } from './transport.ts';

/** A fuzz command over the model and the driver. */
export type FuzzCommand = fc.AsyncCommand<SmtpModel, SessionDriver>;

/**
 * The same command without its incidental noise (mutations with a well-formed base, split
 * writes), if it has any (its `simpler()`): a finding's trigger is retried with it, so the
 * finding keeps only what matters.
 */
export function simplerOf(command: FuzzCommand): FuzzCommand | undefined {
  const simpler = (command as { simpler?: () => FuzzCommand | undefined }).simpler;
  return typeof simpler === 'function' ? simpler.call(command) : undefined;
}

/** The well-formed line a mutated one was made from (itself when none). */
export function baseOf(line: CommandLine): CommandLine {
  if (line.base === undefined) return line;
  return { verb: line.verb, text: line.base, form: 'valid', mutation: '' };
}

/** The unknown command smuggled behind an end-of-data look-alike. */
export const SMUGGLED_LINE = 'JSMUGGLED smtpspec';

/** Every octet, visible: reports show commands in full (only the console cuts them). */
export const show = (text: string) => visibleBytes(Buffer.from(text, 'latin1'));
export const open = (m: Readonly<SmtpModel>) => m.state !== 'closed';
/** A function, not an inline test: the model changes inside awaited calls. */
export const inData = (m: Readonly<SmtpModel>) => m.state === 'data';
export const split = (t: Transport) =>
  isWhole(t) ? '' : ` [split ${t.cuts.length + (t.splitBeforeLastLf ? 1 : 0)}x]`;
