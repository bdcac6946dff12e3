/**
 * Whether tests that need Docker can run. Where CI expects Docker
 * (SMTPSPEC_REQUIRE_DOCKER=1, set by .ci/run) a missing daemon is a failure, never a skip.
 */
import { getContainerRuntimeClient } from 'testcontainers';

export const dockerRequired = process.env.SMTPSPEC_REQUIRE_DOCKER === '1';

export async function dockerAvailability(): Promise<{ available: boolean; reason: string }> {
  try {
    const client = await getContainerRuntimeClient();
    return { available: true, reason: `docker ${client.info.containerRuntime.serverVersion}` };
  } catch (err) {
    return { available: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
