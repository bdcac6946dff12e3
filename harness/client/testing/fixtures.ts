/**
 * Test helpers: hostile peers and sessions whose cleanup is registered with vitest at
 * creation. A well-behaved SMTP server for a test is the test MTA (fixtures/test-mta/).
 */
import { onTestFinished } from 'vitest';
import type { ClientOptions } from '../options.ts';
import { SmtpClientSession } from '../session.ts';
import type { Behaviour } from './hostile-server.ts';
import {
  type LoopbackOptions,
  type LoopbackServer,
  startLoopbackServer,
} from './loopback-server.ts';

/** A loopback server running `behaviour`, closed when the test finishes. */
export async function hostileServer(
  behaviour: Behaviour,
  options?: LoopbackOptions,
): Promise<LoopbackServer> {
  const server = await startLoopbackServer(behaviour, options);
  onTestFinished(() => server.close());
  return server;
}

/** A session to `server`, closed when the test finishes. */
export async function sessionTo(
  server: { host: string; port: number },
  options: Partial<ClientOptions> = {},
): Promise<SmtpClientSession> {
  const session = await SmtpClientSession.connect({
    host: server.host,
    port: server.port,
    ...options,
  });
  onTestFinished(() => session.close());
  return session;
}
