/**
 * The bundled reference MTA as a relay for the run's sink: with no `--target`, `smtpspec
 * run` (and the test MTA) route the relay domain to the sink themselves, so the
 * relay-through cases run against the reference MTA's own relay client. Mail for the relay
 * domain goes through its real queue (a spool in a temporary directory, retries within
 * a second); every other message stays in memory as before.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfigInput } from '../../reference-server/config.ts';
import { resolveConfig } from '../../reference-server/config.ts';
import type { DnsResolver } from '../../reference-server/delivery/mx.ts';
import type { OutboundOptions } from '../../reference-server/delivery/outbound.ts';
import type { Envelope, MessageStore } from '../../reference-server/message-store.ts';
import { createQueue } from '../../reference-server/queue/queue.ts';
import { formatAddress, type TargetAddress } from './target.ts';

/** Retry interval of the built-in relay: the cases wait for it, so it is short. */
export const REFERENCE_RETRY_MS = 500;
/** The retry interval declared to the relay-through cases: the queue's, with room for a busy machine. */
export const REFERENCE_DECLARED_RETRY_MS = 10_000;

/** A running relay route: the config and store to start the reference MTA with. */
export interface ReferenceRelay {
  /** Config over the built-in one: the relay domain accepted from anyone and routed to the sink. */
  config: ServerConfigInput;
  /** Relay-domain mail to the queue, the rest to `others`. */
  store: MessageStore;
  stop(): Promise<void>;
}

/** What the built-in relay needs. */
export interface ReferenceRelayOptions {
  domain: string;
  sink: TargetAddress;
  /** Where mail that is not for the relay domain goes. */
  others: MessageStore;
  /** Relay client options over the defaults (timeouts; a test seam for the test MTA). */
  outbound?: Partial<Omit<OutboundOptions, 'helo' | 'signal'>>;
  /** The MTA's host name (default the reference one). */
  hostname?: string;
}

/** The built-in run looks nothing up: anything not routed fails at once, never leaves the host. */
const NO_DNS: DnsResolver = {
  resolveMx: () => Promise.reject(notFound()),
  resolve4: () => Promise.reject(notFound()),
  resolve6: () => Promise.reject(notFound()),
};

function notFound(): NodeJS.ErrnoException {
  return Object.assign(new Error('no DNS in the built-in relay'), { code: 'ENOTFOUND' });
}

/** Starts the queue of the built-in relay. */
export async function startReferenceRelay(options: ReferenceRelayOptions): Promise<ReferenceRelay> {
  const dataDir = await mkdtemp(join(tmpdir(), 'smtpspec-relay-'));
  const domain = options.domain.toLowerCase();
  const input: ServerConfigInput = {
    relay: { domains: [domain] },
    routes: { [domain]: formatAddress(options.sink) },
    dataDir,
    queue: {
      retryBaseMs: REFERENCE_RETRY_MS,
      retryMaxMs: 2 * REFERENCE_RETRY_MS,
      lifetimeMs: 10 * 60_000,
      concurrency: 8,
    },
  };
  const config = resolveConfig({
    ...input,
    ...(options.hostname ? { hostname: options.hostname } : {}),
  });
  const queue = createQueue(config, {
    resolver: NO_DNS,
    outbound: {
      connectTimeoutMs: 5000,
      replyTimeoutMs: 15_000,
      dataEndTimeoutMs: 15_000,
      ...options.outbound,
    },
    stopGraceMs: 1000,
  });
  await queue.start();
  const forRelay = (envelope: Envelope) =>
    envelope.recipients.some((r) => {
      const at = r.address.lastIndexOf('@');
      return at !== -1 && r.address.slice(at + 1).toLowerCase() === domain;
    });
  const store: MessageStore = {
    begin: (envelope) => (forRelay(envelope) ? queue.store : options.others).begin(envelope),
  };
  return {
    config: input,
    store,
    async stop() {
      await queue.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
