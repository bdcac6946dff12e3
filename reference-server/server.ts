/**
 * The reference MTA's listener: accepts connections, enforces the connection limit, runs
 * one SmtpSession per connection and stops gracefully.
 */
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { ConfigError, describeError } from '../harness/errors.ts';
import { formatReply } from '../harness/wire/reply.ts';
import { resolveConfig, type ServerConfig, type ServerConfigInput } from './config.ts';
import { type Logger, silentLogger } from './logger.ts';
import { MemoryMessageStore, type MessageStore } from './message-store.ts';
import { plainClientAddress } from './policy/domains.ts';
import { createPolicyHooks, type PolicyHooks } from './policy/hooks.ts';
import type { SessionDeps } from './session/context.ts';
import { SmtpSession } from './session/session.ts';
import type { TestSeams } from './session/test-seams.ts';
import { serverTls } from './tls-material.ts';
import type { VerbTable } from './verbs/handler.ts';
import { verbTable } from './verbs/index.ts';

/** How to start the server. */
export interface ReferenceServerOptions {
  /** Any subset of the config (validated; `ConfigError` names a bad key). */
  config?: ServerConfigInput | ServerConfig;
  /** Where accepted messages go; default a bounded in-memory store. */
  store?: MessageStore;
  /** Default: logs nothing. */
  logger?: Logger;
  /** Replace any of the default policy hooks. */
  hooks?: Partial<PolicyHooks>;
  /**
   * Test and extension seam: handlers that replace the defaults of their verbs in the
   * dispatch table (`verbs/index.ts`) for this server instance only. The design stays one
   * handler per verb (style convention 11); `fixtures/test-mta/` uses this to plant
   * defects the suites and the fuzzer must catch. A key that is not a verb is a `ConfigError`.
   */
  verbs?: Partial<VerbTable>;
  /** Test seams (`session/test-seams.ts`) for defects a verb handler cannot plant. */
  seams?: TestSeams;
}

/** A started server. */
export interface RunningReferenceServer {
  /** The bound address; `port` is the real one when `listen.port` was 0. */
  readonly address: { host: string; port: number };
  readonly config: ServerConfig;
  readonly store: MessageStore;
  /** Sessions open right now. */
  readonly sessionCount: number;
  /**
   * Stops accepting, lets open transactions finish for up to `graceMs` (default
   * `limits.shutdownGraceMs`), then sends 421 to what is left and closes it.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
  /**
   * Test seam: what a crash looks like from outside. Stops listening and destroys every
   * connection at once, with no reply; `stop()` still resolves afterwards.
   */
  abort(): void;
}

/**
 * How long after a client was turned away for want of a slot the server counts as full:
 * slow transfers are then cut until enough slots are free, not one at a time.
 */
const TURNED_AWAY_WINDOW_MS = 10_000;

/** Resolves when `done` settles or `ms` pass, leaving no timer behind. */
async function waitAtMost(done: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([done, elapsed]);
  clearTimeout(timer);
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) =>
      reject(new ConfigError(`cannot listen on ${host}:${port}: ${describeError(err)}`, 'listen'));
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** RFC 5321 §3.8 / §4.3.2: over a connection limit the greeting is 421, then close. */
function refuseConnection(socket: Socket, text: string): void {
  socket.on('error', () => {});
  socket.end(formatReply(421, text, '4.7.0'));
  const timer = setTimeout(() => socket.destroy(), 2000);
  socket.once('close', () => clearTimeout(timer));
}

/** Starts the reference MTA. Rejects with `ConfigError` for a bad config or listen failure. */
export async function startReferenceServer(
  options: ReferenceServerOptions = {},
): Promise<RunningReferenceServer> {
  const config = resolveConfig(options.config ?? {});
  const verbs = verbTable(options.verbs);
  const logger = options.logger ?? silentLogger;
  const tls = await serverTls(config);
  const { hooks, classify, recipientKey, mayRelay } = createPolicyHooks(config, options.hooks);
  const store = options.store ?? new MemoryMessageStore();
  const seams = options.seams ?? {};
  const deps: SessionDeps = {
    config,
    hooks,
    classify,
    recipientKey,
    mayRelay,
    store,
    logger,
    tls,
    verbs,
    seams,
    // Every slot taken, or a client turned away for want of one in the last seconds: slow
    // transfers lose their grace period (RFC 5321 §7.8 defence).
    full: () =>
      sessions.size >= config.limits.maxConnections ||
      Date.now() - lastTurnedAway < TURNED_AWAY_WINDOW_MS,
  };
  /** When a client last got 421 because every slot was taken. */
  let lastTurnedAway = Number.NEGATIVE_INFINITY;
  const sessions = new Set<SmtpSession>();
  /** Open sessions per client address (IPv4-mapped IPv6 unwrapped). */
  const perClient = new Map<string, number>();
  let stopping = false;

  // noDelay: replies are small writes awaited by the client one at a time; with Nagle's
  // algorithm and delayed ACKs each non-pipelined transaction would stall about 40 ms.
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    if (stopping) return void socket.destroy();
    const client = plainClientAddress(socket.remoteAddress ?? '');
    const fromClient = perClient.get(client) ?? 0;
    if (sessions.size >= config.limits.maxConnections) {
      lastTurnedAway = Date.now();
      logger.log('warn', 'server.connection-limit', { remote: client });
      return refuseConnection(socket, `${config.hostname} Too many connections, try again later`);
    }
    // RFC 5321 §7.8: one host may not take every slot; the others stay open to the rest.
    if (fromClient >= config.limits.maxConnectionsPerClient) {
      logger.log('warn', 'server.client-connection-limit', { remote: client });
      return refuseConnection(
        socket,
        `${config.hostname} Too many connections from your address, try again later`,
      );
    }
    const session = new SmtpSession(socket, deps);
    sessions.add(session);
    perClient.set(client, fromClient + 1);
    void session.closed.then(() => {
      sessions.delete(session);
      const left = (perClient.get(client) ?? 1) - 1;
      if (left > 0) perClient.set(client, left);
      else perClient.delete(client);
    });
    void session.run();
  });
  const bound = await listen(server, config.listen.host, config.listen.port);
  const address = { host: bound.address, port: bound.port };
  logger.log('info', 'server.listening', { host: address.host, port: address.port });

  const allClosed = () => Promise.all([...sessions].map((s) => s.closed)).then(() => undefined);
  const closedServer = new Promise<void>((resolve) => server.once('close', () => resolve()));
  return {
    address,
    config,
    store,
    get sessionCount() {
      return sessions.size;
    },
    async stop(stopOptions = {}) {
      if (!stopping) {
        stopping = true;
        server.close();
        for (const s of sessions) s.requestShutdown();
        await waitAtMost(allClosed(), stopOptions.graceMs ?? config.limits.shutdownGraceMs);
        for (const s of sessions) s.forceClose();
        await allClosed();
        logger.log('info', 'server.stopped', {});
      }
      await closedServer;
    },
    abort() {
      stopping = true;
      server.close();
      for (const s of sessions) s.destroy();
      logger.log('warn', 'server.aborted', {});
    },
  };
}
