/**
 * A listening socket for the harness acting as an SMTP server: each accepted connection
 * becomes a {@link ServerSession} with the script the caller picks for it.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { ConfigError, describeError } from '../errors.ts';
import { ServerSession, type ServerSessionOptions } from './session.ts';
import type { SessionRecord, SessionScript } from './types.ts';

/** How to listen and how to run each session. */
export interface SmtpListenerOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** The script of the connection numbered `id` (from 1) coming from `remote`. */
  script(connection: { id: number; remote: string }): SessionScript;
  /** Limits of every session (the id is the listener's). */
  session?: Omit<ServerSessionOptions, 'id'>;
  /** Connections open at once; one more is closed at once (default 50). */
  maxSessions?: number;
  /** Called when a session starts. */
  onSession?(session: ServerSession): void;
}

/** A started listener. */
export interface SmtpListener {
  readonly address: { host: string; port: number };
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Stops listening and ends every open session; resolves when all have ended. */
  stop(): Promise<void>;
}

/** Binds `host:port` and serves until stopped. Rejects with a one-line ConfigError. */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const open = new Set<ServerSession>();
  const maxSessions = options.maxSessions ?? 50;
  let accepted = 0;
  let stopping = false;
  const server: Server = createServer({ allowHalfOpen: true, noDelay: true }, (socket: Socket) => {
    socket.on('error', () => {});
    if (stopping || open.size >= maxSessions) {
      socket.destroy();
      return;
    }
    const id = ++accepted;
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    const session = new ServerSession(socket, options.script({ id, remote }), {
      ...options.session,
      id,
    });
    open.add(session);
    options.onSession?.(session);
    void session.run().finally(() => open.delete(session));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(
        new ConfigError(
          `cannot listen on ${options.host}:${options.port}: ${describeError(err)}`,
          'listen',
        ),
      ),
    );
    server.listen({ host: options.host, port: options.port }, () => resolve());
  });
  const bound = server.address();
  if (bound === null || typeof bound === 'string')
    throw new ConfigError('no TCP address', 'listen');
  return {
    address: { host: bound.address, port: bound.port },
    get accepted() {
      return accepted;
    },
    async stop() {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const ended: Promise<SessionRecord>[] = [];
      for (const session of open) {
        session.close();
        ended.push(session.done);
      }
      await Promise.all([closed, ...ended]);
    },
  };
}
