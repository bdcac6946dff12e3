/**
 * Worker-thread entry of the fuzzer's built-in target (`harness/fuzz/target.ts` starts
 * it): the reference MTA with its durable queue, on the configuration the parent sends as
 * `workerData`. It posts its address once it listens and a heartbeat while its event loop
 * runs, stops gracefully on a `stop` message, and posts its log lines, which the parent
 * keeps for crash reports. (Not through the worker's stderr: `new Worker({ stderr: true })`
 * holds a reference that `worker.unref()` does not drop, and the process could not exit.)
 * Nothing imports this module; tsconfig.build.json lists it so the package has it too.
 */
import { Writable } from 'node:stream';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { resolveConfig, type ServerConfigInput } from '../../reference-server/config.ts';
import type { DnsResolver } from '../../reference-server/delivery/mx.ts';
import { outcomeOfFailure } from '../../reference-server/delivery/outcome.ts';
import { createJsonLogger } from '../../reference-server/logger.ts';
import { createQueue } from '../../reference-server/queue/queue.ts';
import {
  type ReferenceServerOptions,
  startReferenceServer,
} from '../../reference-server/server.ts';

/** What the parent passes as `workerData`. */
export interface ReferenceWorkerData {
  /** URL of the worker's entry module: this one runs itself only when it is the entry. */
  entry: string;
  config: ServerConfigInput;
  /** How long the queue's `stop()` waits for delivery attempts in flight. */
  queueStopGraceMs: number;
  /** Interval of the `beat` messages. */
  heartbeatMs: number;
}

/** Messages from the worker to the parent. */
export type WorkerMessage =
  | { type: 'listening'; host: string; port: number }
  | { type: 'beat' }
  | { type: 'log'; text: string }
  /** About to die of an uncaught error (cloned with its stack), or of `process.exit(code)`. */
  | { type: 'dying'; error: unknown; code: number | undefined };

/** DNS that answers nothing: every lookup fails as if the name did not exist. */
const NO_DNS: DnsResolver = {
  resolveMx: noSuchName,
  resolve4: noSuchName,
  resolve6: noSuchName,
};

async function noSuchName(name: string): Promise<never> {
  throw Object.assign(new Error(`${name}: no DNS for the fuzz target`), { code: 'ENOTFOUND' });
}

/** Messages from the parent to the worker. */
export type ParentMessage = { type: 'stop' };

/**
 * Runs the reference MTA in this worker until the parent says `stop`. `options` is the
 * seam for test entries (harness/fuzz/testing/) that plant faults through the verb table.
 */
export async function runReferenceWorker(
  options: Pick<ReferenceServerOptions, 'verbs'> = {},
): Promise<void> {
  const port = parentPort;
  if (port === null)
    throw new Error('reference-worker runs in a worker thread started by harness/fuzz/target.ts');
  const data = workerData as ReferenceWorkerData;
  // Node reports a worker's death to the parent only once the thread has been torn down,
  // after its listener closed: a liveness probe would see the refused connection first and
  // find no crash report yet. Say it before going. (Only observes: the error still ends
  // the thread.)
  let stopping = false;
  let dying = false;
  process.on('uncaughtExceptionMonitor', (error) => {
    dying = true;
    port.postMessage({ type: 'dying', error, code: undefined } satisfies WorkerMessage);
  });
  process.on('exit', (code) => {
    if (!dying && !stopping)
      port.postMessage({ type: 'dying', error: undefined, code } satisfies WorkerMessage);
  });
  const config = resolveConfig(data.config);
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      port.postMessage({ type: 'log', text: chunk.toString('utf8') } satisfies WorkerMessage);
      done();
    },
  });
  const logger = createJsonLogger(logStream, config.log.level);
  // Fuzzing must never make the MTA send anything off loopback: no DNS lookup, no relaying
  // (a DSN to a generated sender would otherwise go out, to an address literal even).
  const queue = createQueue(config, {
    logger,
    stopGraceMs: data.queueStopGraceMs,
    resolver: NO_DNS,
    relay: async (_hops, job) =>
      job.recipients.map(() =>
        outcomeOfFailure({
          permanent: true,
          status: '5.7.1',
          reason: 'the fuzz target never relays (smtpspec fuzz)',
        }),
      ),
  });
  await queue.start();
  const server = await startReferenceServer({
    config,
    store: queue.store,
    logger,
    ...options,
  }).catch(async (err: unknown) => {
    await queue.stop();
    throw err;
  });
  // The heartbeat lets the parent tell a hung thread (a busy loop) from a slow one. It is
  // unref'd: once the listener and the queue are stopped, nothing keeps the thread alive.
  const beat = setInterval(
    () => port.postMessage({ type: 'beat' } satisfies WorkerMessage),
    data.heartbeatMs,
  );
  beat.unref();
  port.on('message', (message: ParentMessage) => {
    if (message.type !== 'stop' || stopping) return;
    stopping = true;
    // As `smtpspec serve` does: stop accepting and let sessions finish, then the queue.
    void (async () => {
      await server.stop();
      await queue.stop();
      clearInterval(beat);
      // With the port closed the event loop empties and the thread exits with code 0.
      port.close();
    })();
  });
  const { host, port: tcpPort } = server.address;
  port.postMessage({ type: 'listening', host, port: tcpPort } satisfies WorkerMessage);
}

// Not `import.meta.main`: Node 24.0 and 24.1 (which package.json allows) lack it.
if (!isMainThread && (workerData as ReferenceWorkerData | undefined)?.entry === import.meta.url)
  await runReferenceWorker();
