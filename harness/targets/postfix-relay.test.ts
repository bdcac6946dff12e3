// Why this test? It certifies the other half of a real MTA: Debian's Postfix 3.7 in a
// container, started by `runSuites({ container, relay })` the way `smtpspec run --container
// smtpspec/postfix:3.7 --relay-domain relay.test` starts it, routes relay.test to the
// harness's sink through the Docker host gateway, and every relay-through case is judged
// on what it sends on (Received:, content, dot-stuffing, 8-bit, bare LF, HELO fallback,
// lock-step, parameters, QUIT, retries, notifications). Where CI expects Docker
// (SMTPSPEC_REQUIRE_DOCKER=1) it fails, never skips.
import { describe, expect, it } from 'vitest';
import { listScenarios, runSuites } from '../api.ts';
import { POSTFIX_FIXTURE } from './debian-mta.ts';
import { dockerAvailability, dockerRequired } from './docker-available.ts';
import { ensureImage } from './images.ts';

const docker = await dockerAvailability();
const title = 'Postfix 3.7 in a container, relaying relay.test to the sink';

if (!docker.available && !dockerRequired) {
  describe(title, () => {
    it.skip(`needs Docker (${docker.reason}); SMTPSPEC_REQUIRE_DOCKER=1 makes this a failure`, () => {});
  });
} else {
  describe(title, () => {
    it('passes every relay-through case', async () => {
      if (!docker.available) {
        throw new Error(
          `Docker is required here (SMTPSPEC_REQUIRE_DOCKER=1) but: ${docker.reason}`,
        );
      }
      await ensureImage(POSTFIX_FIXTURE.image, POSTFIX_FIXTURE.context);
      const relayCases = (await listScenarios()).filter((s) => s.relay !== undefined);
      expect(relayCases.length).toBeGreaterThanOrEqual(17);
      const run = await runSuites({
        container: { image: POSTFIX_FIXTURE.image },
        cases: relayCases.map((s) => s.id),
        profile: { rcpt: `alice@${POSTFIX_FIXTURE.domain}` },
        // The fixture retries within about a second (relay-route.sh); room for a busy host.
        relay: { domain: 'relay.test', timeoutMs: 15_000, retryMs: 15_000 },
      });
      const notPassed = run.report.results
        .filter((r) => r.verdict !== 'pass')
        .map((r) => `${r.id}: ${r.verdict} ${r.message}`);
      // An image built before relay-route.sh existed routes nothing: rebuild it.
      const hint = notPassed.some((m) => m.includes('reached the sink'))
        ? ` (a stale image? docker rmi ${POSTFIX_FIXTURE.image})`
        : '';
      expect(notPassed, `Postfix's relay half${hint}`).toEqual([]);
      expect(run.report.results).toHaveLength(relayCases.length);
    }, 300_000);
  });
}
