/**
 * Test helpers for the queue: a temporary data directory removed after the test, envelopes,
 * and reading Maildirs.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Envelope, EnvelopeRecipient } from '../../message-store.ts';

/** A fresh directory, removed when the current test finishes. */
export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'smtpspec-queue-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** An envelope from `reversePath` to `recipients` (local unless the domain is b.test). */
export function envelopeOf(
  reversePath: string,
  recipients: (string | EnvelopeRecipient)[],
  extra: Partial<Envelope> = {},
): Envelope {
  return {
    reversePath,
    recipients: recipients.map((r) =>
      typeof r === 'string' ? { address: r, local: !r.endsWith('@b.test') } : r,
    ),
    smtputf8: false,
    receivedAt: new Date().toISOString(),
    client: { address: '127.0.0.1', helo: 'client.test', tls: false },
    ...extra,
  };
}

/** Every message file in a Maildir's `new/` and `cur/`, read. */
export async function readMaildir(
  dataDir: string,
  domain: string,
  localPart: string,
): Promise<{ name: string; content: Buffer }[]> {
  const dir = join(dataDir, 'maildir', domain, localPart);
  const out: { name: string; content: Buffer }[] = [];
  for (const sub of ['new', 'cur']) {
    const names = await readdir(join(dir, sub)).catch(() => [] as string[]);
    for (const name of names.sort())
      out.push({ name, content: await readFile(join(dir, sub, name)) });
  }
  return out;
}

/**
 * Polls `condition` every 10 ms (after `refresh`, if given) until true; throws after
 * `timeoutMs`.
 */
export async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  what: string,
  refresh?: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await refresh?.();
    if (condition()) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
