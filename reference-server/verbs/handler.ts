/**
 * The shape of a verb handler and of the dispatch table, for the files under `verbs/`.
 * The types are declared in `session/context.ts`, beside the context they work on.
 */
export type { CommandOf, VerbHandler, VerbTable } from '../session/context.ts';
