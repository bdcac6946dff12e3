/**
 * The one line every CLI error becomes, in one wording: `smtpspec: <what is wrong>`, usage
 * errors followed by `(see smtpspec NAME --help)`, anything unexpected flagged as a bug.
 */
import { describeError, ERROR_CODES, hasErrorCode, SmtpHarnessError } from '../errors.ts';

/** True for errors the project raises on purpose (they need no stack). */
export function isOwnError(err: unknown): boolean {
  return err instanceof SmtpHarnessError || hasErrorCode(err, ERROR_CODES.usage);
}

/**
 * One line for any error (one per problem when an error lists several, as a bad suite
 * file does); `command` names the subcommand it happened in.
 */
export function errorLine(err: unknown, command?: string): string {
  if (hasErrorCode(err, ERROR_CODES.usage)) {
    // Messages may name their command themselves ("merge: ..."); the hint names it once.
    const text = describeError(err);
    const own = command === undefined ? undefined : `${command}: `;
    const message = own !== undefined && text.startsWith(own) ? text.slice(own.length) : text;
    const help = command === undefined ? 'smtpspec --help' : `smtpspec ${command} --help`;
    return `smtpspec: ${message} (see ${help})`;
  }
  const problems = (err as { problems?: unknown } | null)?.problems;
  if (isOwnError(err) && Array.isArray(problems) && problems.length > 0) {
    // Every error of a suite file at once: one line each.
    return problems.map((p) => `smtpspec: ${String(p).split('\n')[0]}`).join('\n');
  }
  if (isOwnError(err)) return `smtpspec: ${describeError(err)}`;
  return `smtpspec: internal error: ${describeError(err)} (this is a bug in smtpspec; --verbose shows where)`;
}

/** The stack of an internal error, for --verbose; empty for anything else. */
export function stackOf(err: unknown): string {
  return err instanceof Error && err.stack !== undefined ? `${err.stack}\n` : '';
}
