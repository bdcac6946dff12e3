/**
 * The reference MTA with its durable queue, as `smtpspec serve` runs it, in a process of
 * its own for benchmarks that read its memory: `node bench/lib/mta-child.ts CONFIG.json`.
 * Prints `listening on HOST:PORT` once it accepts connections; SIGTERM stops it. It loads
 * only the server and the queue, not the CLI, so its RSS is the MTA's.
 */
import { loadConfigFile } from '../../reference-server/config-file.ts';
import { createJsonLogger } from '../../reference-server/logger.ts';
import { createQueue } from '../../reference-server/queue/queue.ts';
import { startReferenceServer } from '../../reference-server/server.ts';

const config = await loadConfigFile(process.argv[2] ?? 'smtpspec.json');
const logger = createJsonLogger(process.stderr, config.log.level);
const queue = createQueue(config, { logger });
await queue.start();
const server = await startReferenceServer({ config, store: queue.store, logger });
process.stdout.write(`listening on ${server.address.host}:${server.address.port}\n`);
process.once('SIGTERM', () => {
  void server
    .stop({ graceMs: 0 })
    .then(() => queue.stop())
    .then(() => process.exit(0));
});
