/**
 * Strict reply formatting for the server side (RFC 5321 §4.2, enhanced codes RFC 2034).
 * Re-exported by reply.ts; import it from there.
 */
import { ConfigError, ERROR_CODES, SmtpHarnessError } from '../errors.ts';
import { parseEnhancedStatus } from './enhanced-status.ts';
import { SMTP_LIMITS } from './limits.ts';

// RFC 5321 §4.2: textstring = 1*(%d09 / %d32-126) ; HT, SP, Printable US-ASCII
const TEXTSTRING = /^[\t\x20-\x7e]*$/;

/**
 * Formats a reply for the wire (server side, strict): `formatReply(250, ['a', 'b'])` gives
 * `250-a\r\n250 b\r\n`. An `enhanced` code (RFC 2034) is prefixed to every line, followed
 * by a space. Throws `ConfigError` (`SMTPSPEC_ERR_CONFIG`) for a code outside RFC 5321
 * §4.2's grammar, an enhanced code that is malformed or of another class, text that is not
 * a textstring, or an empty last line; `SmtpHarnessError` (`SMTPSPEC_ERR_LIMIT`) for a line
 * over 512 octets.
 */
export function formatReply(code: number, text: string | string[], enhanced?: string): Buffer {
  checkReplyCode(code);
  if (enhanced !== undefined) checkEnhanced(code, enhanced);
  const lines = typeof text === 'string' ? [text] : text;
  if (lines.length === 0) throw new ConfigError('a reply needs at least one line', 'text');
  const wire = lines.map((line, i) => formatLine(code, line, i, i === lines.length - 1, enhanced));
  return Buffer.from(wire.join(''), 'latin1');
}

function formatLine(
  code: number,
  line: string,
  index: number,
  last: boolean,
  enhanced: string | undefined,
): string {
  if (!TEXTSTRING.test(line)) {
    throw new ConfigError(
      `line ${index + 1} has a character outside RFC 5321 §4.2 textstring`,
      'text',
    );
  }
  // RFC 2034 §3: the enhanced status code "is always followed by one or more spaces".
  const body = enhanced === undefined ? line : `${enhanced} ${line}`;
  // RFC 5321 §4.2: "senders SHOULD NOT send bare codes"; this server never does, except
  // for an empty SASL challenge, "334 " (RFC 4954 §4: the text is the base64 challenge).
  if (last && body.length === 0 && code !== 334) {
    throw new ConfigError('the last reply line needs text', 'text');
  }
  // RFC 5321 §4.2.1: "-" after the code on every line but the last, SP on the last.
  const wire = `${code}${last ? ' ' : '-'}${body}\r\n`;
  if (wire.length > SMTP_LIMITS.replyLine) {
    throw new SmtpHarnessError(
      ERROR_CODES.limit,
      `reply line ${index + 1} is ${wire.length} octets, over RFC 5321 §4.5.3.1.5's ${SMTP_LIMITS.replyLine}`,
    );
  }
  return wire;
}

/** RFC 5321 §4.2: Reply-code = %x32-35 %x30-35 %x30-39. */
function checkReplyCode(code: number): void {
  const ok =
    Number.isInteger(code) && code >= 200 && code <= 559 && Math.floor(code / 10) % 10 <= 5;
  if (!ok) throw new ConfigError(`${code} is not a reply code (RFC 5321 §4.2)`, 'code');
}

/**
 * RFC 2034 §4: "All status codes returned by the server must agree with the primary
 * response code", and "3xx responses are NOT included".
 */
function checkEnhanced(code: number, enhanced: string): void {
  const status = parseEnhancedStatus(enhanced);
  if (status === undefined || status.text !== enhanced) {
    throw new ConfigError(`'${enhanced}' is not an RFC 3463 status code`, 'enhanced');
  }
  if (status.klass !== Math.floor(code / 100)) {
    throw new ConfigError(
      `${enhanced} does not agree with reply code ${code} (RFC 2034 §4)`,
      'enhanced',
    );
  }
}
