/**
 * A TCP (or implicit-TLS) server on a loopback address and an ephemeral port, for tests.
 * Never binds anything but 127.0.0.1 or ::1.
 */
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

export type LoopbackHost = '127.0.0.1' | '::1';

export interface LoopbackServer {
  host: LoopbackHost;
  port: number;
  /** Sockets currently open (server side). */
  readonly sockets: ReadonlySet<Socket>;
  /** Destroys every open socket and stops listening; idempotent. */
  close(): Promise<void>;
}

export interface LoopbackOptions {
  host?: LoopbackHost;
  /** Serve implicit TLS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

/** Starts a server that hands each accepted socket to `onConnection`. */
export async function startLoopbackServer(
  onConnection: (socket: Socket) => void,
  options: LoopbackOptions = {},
): Promise<LoopbackServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const accept = (socket: Socket) => {
    sockets.add(socket);
    // Test servers must never crash the test process on a client reset.
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.setNoDelay(true);
    onConnection(socket);
  };
  const server: Server = options.tls
    ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, accept)
    : createNetServer(accept);
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  let closing: Promise<void> | undefined;
  return {
    host,
    port: address.port,
    sockets,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
