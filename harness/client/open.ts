/**
 * Opening the transport: a TCP connection with a deadline, and a TLS handshake on an
 * existing socket (implicit TLS right after connect, or STARTTLS in place, RFC 3207 §4).
 */
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { type ConnectionOptions, type TLSSocket, connect as tlsConnect } from 'node:tls';
import { TimeoutError } from '../errors.ts';
import type { PeerCertificateInfo, TlsDetails } from '../transcript/events.ts';
import { ConnectError, TlsError } from './errors.ts';

/**
 * The one buffer every client socket of this process reads into (Node's `onread`). By
 * default each read allocates its own 64 KiB buffer, and a server streaming at loopback
 * speed makes those allocations outrun the collector: reading 3 GB that way peaked at
 * 148 MiB of RSS, against 56 MiB with this buffer. Reads are handed on as views of this
 * buffer (a `data` event), so whatever a listener keeps past its call it must copy; the
 * link, the reply framer and the transcript do. After STARTTLS the TLS layer reads the
 * handle itself, with its own buffers.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/**
 * Connects over TCP, reading into the shared buffer; the socket comes back paused.
 * Rejects with ConnectError or TimeoutError (the socket is destroyed).
 * `address` (`host:port`, IPv6 in brackets) names the target in messages.
 */
export function openTcp(
  host: string,
  port: number,
  address: string,
  timeoutMs: number,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket: Socket = netConnect({
      host,
      port,
      onread: {
        buffer: READ_BUFFER,
        callback: (octets) => {
          socket.emit('data', READ_BUFFER.subarray(0, octets));
          // A listener that paused the socket has already stopped the reading.
          return !socket.isPaused();
        },
      },
    });
    // Nothing is read until a link takes the socket (Link resumes it): a read with no
    // listener yet would be lost, as onread keeps nothing for later.
    socket.pause();
    const onError = (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new ConnectError(`cannot connect to ${address}: ${err.code ?? err.message}`));
    };
    const timer = setTimeout(() => {
      socket.off('error', onError);
      socket.on('error', () => {});
      socket.destroy();
      reject(new TimeoutError(`connection to ${address}`, timeoutMs));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
    socket.once('error', onError);
  });
}

/**
 * Runs a TLS client handshake over `socket`. SNI is sent only for host names (RFC 6066 §3
 * forbids IP literals there). Rejects with TlsError or TimeoutError; both destroy the socket.
 */
export function handshake(
  socket: Socket,
  host: string,
  options: ConnectionOptions,
  timeoutMs: number,
): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const servername = isIP(host) === 0 ? host : undefined;
    const secure = tlsConnect({ ...(servername ? { servername } : {}), ...options, socket });
    const onError = (err: NodeJS.ErrnoException) => {
      fail(new TlsError(`TLS handshake failed: ${describeTlsError(err)}`, { cause: err }));
    };
    const onSecure = () => {
      clearTimeout(timer);
      secure.off('error', onError);
      resolve(secure);
    };
    const fail = (err: TimeoutError | TlsError) => {
      clearTimeout(timer);
      secure.off('secureConnect', onSecure);
      // Keep a listener: a late error on a destroyed socket must not become uncaught.
      secure.on('error', () => {});
      secure.destroy();
      socket.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(new TimeoutError('TLS handshake', timeoutMs)), timeoutMs);
    secure.once('secureConnect', onSecure);
    secure.once('error', onError);
  });
}

/**
 * A short, one-line cause: OpenSSL's reason and the Node code (`wrong version number
 * (ERR_SSL_WRONG_VERSION_NUMBER)`) rather than its multi-field error string.
 */
export function describeTlsError(err: NodeJS.ErrnoException & { reason?: unknown }): string {
  const reason = typeof err.reason === 'string' ? err.reason : undefined;
  const text = reason ?? (err.message.split('\n')[0] ?? '').trim();
  return err.code && !text.includes(err.code) ? `${text} (${err.code})` : text;
}

/** What the handshake negotiated, certificate details included as information. */
export function tlsDetailsOf(socket: TLSSocket): TlsDetails {
  const details: TlsDetails = {
    protocol: socket.getProtocol(),
    cipher: socket.getCipher()?.name ?? 'unknown',
    authorized: socket.authorized,
  };
  if (!socket.authorized && socket.authorizationError) {
    details.authorizationError = String(socket.authorizationError);
  }
  const cert = socket.getPeerCertificate();
  if (cert && Object.keys(cert).length > 0) details.peerCertificate = certificateInfo(cert);
  return details;
}

type DistinguishedName = Record<string, string | string[] | undefined>;

function certificateInfo(cert: {
  subject?: unknown;
  issuer?: unknown;
  valid_from: string;
  valid_to: string;
  fingerprint256: string;
}): PeerCertificateInfo {
  return {
    subject: formatName(cert.subject as DistinguishedName | undefined),
    issuer: formatName(cert.issuer as DistinguishedName | undefined),
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    fingerprint256: cert.fingerprint256,
  };
}

/** `CN=localhost, O=Example`; multi-valued attributes repeat the key. */
function formatName(name: DistinguishedName | undefined): string {
  if (!name) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(name)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined) parts.push(`${key}=${v}`);
    }
  }
  return parts.join(', ');
}
