/**
 * Child process of the crash test: the reference MTA with the durable queue on the data
 * directory given as argv[2], listening on 127.0.0.1 port 0. Prints `LISTEN <port>` once
 * ready and runs until it is killed (SIGKILL, on purpose), or exits by itself after two
 * minutes so that an orphan never lingers.
 */
import { resolveConfig } from '../../config.ts';
import { startReferenceServer } from '../../server.ts';
import { createQueue } from '../queue.ts';
import { crashConfigInput } from './crash-config.ts';

const dataDir = process.argv[2];
if (dataDir === undefined) {
  process.stderr.write('usage: crash-child.ts DATA_DIR\n');
  process.exit(2);
}
setTimeout(() => process.exit(3), 120_000);
const config = resolveConfig({
  ...crashConfigInput(dataDir),
  listen: { host: '127.0.0.1', port: 0 },
});
const queue = createQueue(config);
await queue.start();
const server = await startReferenceServer({ config, store: queue.store });
process.stdout.write(`LISTEN ${server.address.port}\n`);
