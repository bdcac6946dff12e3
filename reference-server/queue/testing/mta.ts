/**
 * A complete reference MTA for tests: the server on 127.0.0.1 port 0 with the durable
 * queue behind it, both stopped when the test finishes.
 */
import { onTestFinished } from 'vitest';
import { resolveConfig, type ServerConfig, type ServerConfigInput } from '../../config.ts';
import type { DnsResolver } from '../../delivery/mx.ts';
import type { PolicyHooks } from '../../policy/hooks.ts';
import { type RunningReferenceServer, startReferenceServer } from '../../server.ts';
import { createQueue, type MailQueue } from '../queue.ts';

/** Any DNS lookup in a test is a bug: every foreign domain there has a static route. */
export const noDns: DnsResolver = {
  resolveMx: () => Promise.reject(new Error('DNS lookup attempted in a test')),
  resolve4: () => Promise.reject(new Error('DNS lookup attempted in a test')),
  resolve6: () => Promise.reject(new Error('DNS lookup attempted in a test')),
};

export interface TestMta {
  config: ServerConfig;
  server: RunningReferenceServer;
  queue: MailQueue;
}

/** Starts queue then server (the queue must recover before the first accept). */
export async function startTestMta(
  input: ServerConfigInput,
  hooks: Partial<PolicyHooks> = {},
): Promise<TestMta> {
  const config = resolveConfig({ ...input, listen: { host: '127.0.0.1', port: 0 } });
  const queue = createQueue(config, {
    resolver: noDns,
    outbound: { connectTimeoutMs: 5000, replyTimeoutMs: 5000, dataEndTimeoutMs: 5000 },
  });
  await queue.start();
  const server = await startReferenceServer({ config, store: queue.store, hooks });
  onTestFinished(async () => {
    await server.stop({ graceMs: 0 });
    await queue.stop();
  });
  return { config, server, queue };
}
