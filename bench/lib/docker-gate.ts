/**
 * Benchmarks that need Docker: without a daemon they print why and stop, successfully,
 * unless SMTPSPEC_REQUIRE_DOCKER=1 asks for Docker, as in CI, where that is a failure.
 */
import { dockerAvailability, dockerRequired } from '../../harness/targets/docker-available.ts';

/** True when Docker is usable; otherwise prints one line and sets the exit status. */
export async function dockerOrSkip(script: string): Promise<boolean> {
  const docker = await dockerAvailability();
  if (docker.available) return true;
  const verdict = dockerRequired ? 'failed' : 'skipped';
  console.log(`${script}: ${verdict}: Docker is not available (${docker.reason})`);
  if (dockerRequired) process.exitCode = 1;
  return false;
}
