/**
 * The server side of the STARTTLS handshake (RFC 3207 §4) on an existing connection.
 */
import type { Socket } from 'node:net';
import type { SecureContext, TLSSocket } from 'node:tls';
import { ERROR_CODES, SmtpHarnessError, TimeoutError } from '../../harness/errors.ts';

/**
 * Drops octets the socket itself still buffers (read before we stopped listening): they
 * were sent before the TLS handshake and must never be read as TLS or as commands.
 */
export function drainPlaintext(socket: Socket): number {
  let dropped = 0;
  for (
    let chunk = socket.read() as Buffer | null;
    chunk !== null;
    chunk = socket.read() as Buffer | null
  ) {
    dropped += chunk.length;
  }
  return dropped;
}

/**
 * What the handshake needs: the secure context, and `node:tls`'s TLSSocket, loaded with it
 * at the first STARTTLS rather than at start (issue 16: memory). Both are at hand before the
 * 220, so nothing runs between the plaintext drain and the handshake.
 */
export interface ServerTls {
  secureContext: SecureContext;
  TLSSocket: typeof import('node:tls').TLSSocket;
}

/** Runs the handshake; resolves with the TLS socket, rejects with a typed error (socket destroyed). */
export function upgradeToTls(
  socket: Socket,
  tls: ServerTls,
  timeoutMs: number,
): Promise<TLSSocket> {
  const { secureContext } = tls;
  return new Promise((resolve, reject) => {
    const secure = new tls.TLSSocket(socket, { isServer: true, secureContext });
    // Errors after the handshake surface as 'close' to the session; never as a crash.
    secure.on('error', () => {});
    const fail = (err: SmtpHarnessError) => {
      clearTimeout(timer);
      secure.destroy();
      socket.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(new TimeoutError('TLS handshake', timeoutMs)), timeoutMs);
    secure.once('secure', () => {
      clearTimeout(timer);
      secure.removeListener('error', onHandshakeError);
      resolve(secure);
    });
    const onHandshakeError = (err: Error) => {
      fail(
        new SmtpHarnessError(
          ERROR_CODES.tls,
          `TLS handshake failed: ${err.message.split('\n')[0]}`,
        ),
      );
    };
    secure.once('error', onHandshakeError);
  });
}
