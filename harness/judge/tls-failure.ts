/**
 * A TLS handshake that fails after the server's "220 Ready to start TLS" (RFC 3207 §4).
 * Whose fault it is shows in how it failed: a server that sends an `internal_error` alert,
 * resets the connection or sends something that is not TLS has broken the promise of its
 * 220; an alert about versions or ciphers only says that the two sides share none, which
 * may be this client's choice (it offers TLS 1.2 and 1.3 with Node's default ciphers), so
 * the case cannot be judged.
 */
import type { Level } from '../scenario/types.ts';
import type { CaseEnd } from './grading.ts';
import { gradeOf } from './grading.ts';

/** Messages of a failed negotiation, not of a broken server (OpenSSL's wording). */
const NEGOTIATION =
  /handshake failure|protocol version|unsupported protocol|insufficient security|no shared cipher|no ciphers available|wrong version number|sslv3 alert|certificate/i;

/** How a case ends when the handshake after a 220 failed with `message`. */
export function judgeTlsFailure(
  message: string,
  ctx: { role: 'setup' | 'control' | 'check'; level: Level },
): CaseEnd {
  const what = `STARTTLS got 220 (Ready to start TLS), then ${message.replace(/^TLS handshake failed: /, 'the TLS handshake failed: ')}`;
  if (ctx.role !== 'check') {
    return { verdict: 'skip', message: `${what}; this case needs a TLS session` };
  }
  if (NEGOTIATION.test(message)) {
    return {
      verdict: 'error',
      message: `${what}; client and server share no TLS version or cipher suite, so the case cannot be judged`,
    };
  }
  return {
    verdict: gradeOf(ctx.level),
    message: `${what} (RFC 3207 §4: 220 means "Ready to start TLS")`,
    expected: ['a TLS handshake after the 220'],
    actual: message,
  };
}
