/**
 * Starts a reference server on an ephemeral loopback port for one test, stopped when the
 * test finishes, and connects the harness's own byte-exact client to it.
 */
import { onTestFinished } from 'vitest';
import { SmtpClientSession } from '../../harness/client/session.ts';
import { TimeoutError } from '../../harness/errors.ts';
import type { ServerConfigInput } from '../config.ts';
import { MemoryMessageStore } from '../message-store.ts';
import type { PolicyHooks } from '../policy/hooks.ts';
import { type RunningReferenceServer, startReferenceServer } from '../server.ts';

/** Default wait for a reply in tests: generous, so slow CI machines do not flake. */
export const REPLY_TIMEOUT_MS = 5000;

/** A running test server with its in-memory store. */
export interface TestServer {
  server: RunningReferenceServer;
  store: MemoryMessageStore;
  /** Connects a client and reads the greeting. */
  connect(): Promise<SmtpClientSession>;
  /** Connects, reads the greeting and sends EHLO (keywords not checked). */
  connectEhlo(): Promise<SmtpClientSession>;
}

/** The octets of `text`, one per character (latin1): what a raw write in a test means. */
export function octets(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** A client session to `address`, closed when the current test finishes; the greeting is not read. */
export async function connectClient(address: {
  host: string;
  port: number;
}): Promise<SmtpClientSession> {
  const session = await SmtpClientSession.connect({
    host: address.host,
    port: address.port,
    connectTimeoutMs: REPLY_TIMEOUT_MS,
    replyTimeoutMs: REPLY_TIMEOUT_MS,
  });
  onTestFinished(() => session.close());
  return session;
}

/** Starts a server on 127.0.0.1 port 0 (unless `config.listen` says otherwise). */
export async function startTestServer(
  config: ServerConfigInput = {},
  hooks: Partial<PolicyHooks> = {},
): Promise<TestServer> {
  const store = new MemoryMessageStore();
  const server = await startReferenceServer({
    config: { ...config, listen: { host: '127.0.0.1', port: 0, ...config.listen } },
    store,
    hooks,
  });
  onTestFinished(() => server.stop({ graceMs: 0 }));
  const connect = async () => {
    const client = await connectClient(server.address);
    const greeting = await client.readReply({ what: 'greeting' });
    if (greeting.code !== 220) throw new Error(`greeting was ${greeting.code}`);
    return client;
  };
  const connectEhlo = async () => {
    const client = await connect();
    const reply = await client.command('EHLO client.example');
    if (reply.code !== 250) throw new Error(`EHLO got ${reply.code}`);
    return client;
  };
  return { server, store, connect, connectEhlo };
}

/** Rejects with TimeoutError when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
