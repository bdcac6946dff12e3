/**
 * Naming a command in messages without trusting its bytes.
 */
import { visiblePreview } from './errors.ts';

/** The command verb of a line for messages: `MAIL`, `RCPT`; visible and short. */
export function verbOf(line: string | Buffer): string {
  const bytes = typeof line === 'string' ? Buffer.from(line, 'utf8') : line;
  const end = bytes.findIndex((b) => b === 0x20 || b === 0x3a);
  const verb = visiblePreview(bytes.subarray(0, Math.min(end === -1 ? bytes.length : end, 16)));
  return verb.length > 0 ? verb.toUpperCase() : 'empty line';
}
