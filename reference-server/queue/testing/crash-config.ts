/**
 * The configuration the crash test and its child share (no routes: all mail is local).
 */
import type { ServerConfigInput } from '../../config.ts';

export function crashConfigInput(dataDir: string): ServerConfigInput {
  return {
    hostname: 'mx.a.test',
    localDomains: ['a.test'],
    mailboxes: ['alice', 'bob', 'postmaster'],
    dataDir,
    queue: { retryBaseMs: 100, retryMaxMs: 1000, lifetimeMs: 600_000, concurrency: 2 },
  };
}
