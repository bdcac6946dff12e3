/**
 * The shape of a verb handler and of the dispatch table (style convention 11: a typed
 * `Record<Verb, Handler>`, never a method name built from input).
 */
import type { Command, Verb } from '../../harness/wire/command.ts';
import type { SessionContext } from '../session/context.ts';
import type { ReplySpec } from '../session/replies.ts';

/** The parsed command of one verb. */
export type CommandOf<V extends Verb> = Command & { verb: V };

/**
 * One verb's handler. The session checks, in this order (RFC 5321 §4.1.4, §4.3.2):
 * `unavailable` (e.g. 502 for a verb we do not implement), `sequence` (503 and friends,
 * before any syntax check so an out-of-order command never has side effects), then the
 * syntax of the line, then calls `handle`, which runs the policy hooks.
 */
export interface VerbHandler<V extends Verb> {
  unavailable?(s: SessionContext): ReplySpec | undefined;
  sequence?(s: SessionContext): ReplySpec | undefined;
  handle(s: SessionContext, command: CommandOf<V>): Promise<void>;
}

/** One handler per verb the codec knows. */
export type VerbTable = { readonly [V in Verb]: VerbHandler<V> };
