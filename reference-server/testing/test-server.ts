/**
 * Starts a reference server on an ephemeral loopback port for one test, stopped when the
 * test finishes.
 */
import { onTestFinished } from 'vitest';
import type { ServerConfigInput } from '../config.ts';
import { MemoryMessageStore } from '../message-store.ts';
import type { PolicyHooks } from '../policy/hooks.ts';
import { type RunningReferenceServer, startReferenceServer } from '../server.ts';
import { RawClient } from './raw-client.ts';

/** A running test server with its in-memory store. */
export interface TestServer {
  server: RunningReferenceServer;
  store: MemoryMessageStore;
  /** Connects a client and reads the greeting. */
  connect(): Promise<RawClient>;
  /** Connects, reads the greeting and sends EHLO (keywords not checked). */
  connectEhlo(): Promise<RawClient>;
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
    const client = await RawClient.connect(server.address);
    const greeting = await client.reply();
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
