/**
 * Debian's `chromium` driven by playwright-core, for the browser tests of report.html and
 * comparison.html and for bench/report-open.ts. The machine has no network, so every
 * background service of the browser is off, and each launch gets a fresh profile that is
 * removed on close. Where CI expects the browser (SMTPSPEC_REQUIRE_BROWSER=1, set by
 * .ci/run) a missing one is a failure, never a skip.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** The browser binary: Debian's package, or SMTPSPEC_CHROMIUM. */
export const CHROMIUM_PATH = process.env.SMTPSPEC_CHROMIUM ?? '/usr/bin/chromium';

/** True where a missing browser must fail the browser tests instead of skipping them. */
export const browserRequired = process.env.SMTPSPEC_REQUIRE_BROWSER === '1';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser tests can run here, and if not, why. */
export function browserAvailability(): { available: boolean; reason: string } {
  if (!existsSync(CHROMIUM_PATH)) {
    return {
      available: false,
      reason: `no browser at ${CHROMIUM_PATH} (apt-get install chromium)`,
    };
  }
  return { available: true, reason: CHROMIUM_PATH };
}

/** A running browser with a fresh profile; `close` ends it and removes the profile. */
export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts headless chromium with a new profile directory (at most `timeoutMs` to start). */
export async function launchChromium(timeoutMs = 60_000): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'smtpspec-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ARGS,
      timeout: timeoutMs,
      viewport: { width: 1280, height: 900 },
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
}
