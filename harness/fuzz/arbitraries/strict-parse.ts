/**
 * What "valid" means for a generated line, judged by the one wire codec: it parses, with
 * no leniency, as the verb it was made for, and MAIL/RCPT repeat no parameter keyword.
 */
import { parseCommand } from '../../wire/command.ts';
import { findDuplicateKeyword } from '../../wire/esmtp-params.ts';
import type { CommandVerb } from './command-line.ts';

/** True when `text` (latin1, no CRLF) is a strictly valid `verb` line. */
export function parsesStrictlyAs(text: string, verb: CommandVerb): boolean {
  const result = parseCommand(Buffer.from(text, 'latin1'));
  if (!result.ok || result.leniencies.length > 0) return false;
  const command = result.command;
  if (command.verb !== verb) return false;
  if (command.verb === 'MAIL' || command.verb === 'RCPT') {
    return findDuplicateKeyword(command.params) === undefined;
  }
  return true;
}
