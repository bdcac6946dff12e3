/**
 * STARTTLS (RFC 3207 §4): 220, then the TLS handshake on the same connection. Octets the
 * client pipelined after the command are discarded, never executed (§4.2, the STARTTLS
 * command injection defence), and the session starts over once TLS is up.
 */
import { describeError } from '../../harness/errors.ts';
import { inTransaction } from '../session/context.ts';
import { REPLIES } from '../session/replies.ts';
import type { ServerTls } from '../session/tls-upgrade.ts';
import type { VerbHandler } from './handler.ts';

/** STARTTLS: only after EHLO, once, outside a transaction. */
export const starttls: VerbHandler<'STARTTLS'> = {
  sequence(s) {
    // RFC 3207 §4.2: STARTTLS is not offered (and so out of sequence) once TLS is active.
    if (s.tls)
      return { code: 503, enhanced: '5.5.1', text: 'Bad sequence of commands: TLS already active' };
    // STARTTLS is an ESMTP extension: it is only known after EHLO (RFC 5321 §2.2.1).
    if (s.helo?.verb !== 'EHLO') return REPLIES.needEhlo;
    if (inTransaction(s)) return REPLIES.nestedMail;
    return undefined;
  },
  async handle(s) {
    // Before the 220: the first STARTTLS makes the certificate and loads TLS, and nothing
    // may run between the 220 and the handshake.
    let tls: ServerTls;
    try {
      tls = await s.serverTls();
    } catch (err) {
      s.log('warn', 'starttls.unavailable', { error: describeError(err) });
      // RFC 3207 §4: 454 TLS not available due to temporary reason.
      return s.reply({
        code: 454,
        enhanced: '4.7.0',
        text: 'TLS not available due to temporary reason',
      });
    }
    // RFC 3207 §4: "220 Ready to start TLS"; a STARTTLS with a parameter got 501 already.
    s.reply({ code: 220, enhanced: '2.0.0', text: 'Ready to start TLS' });
    await s.startTls(tls);
  },
};
