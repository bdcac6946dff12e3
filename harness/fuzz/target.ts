/**
 * The server a campaign fuzzes, the liveness probe, and the bundled reference MTA.
 *
 * Without --target the reference MTA runs in-process, as the design contract wants for
 * every command ("No target: start the reference MTA in-process on an ephemeral 127.0.0.1
 * port"), but in a worker thread of its own: a crash, an out-of-memory or a hang in it is
 * a finding of the campaign, not the end of the fuzzer, and a fresh thread can take its
 * place so shrinking goes on. A thread also dies with the process, so a fuzzer that is
 * killed leaves no server behind.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { SmtpClientSession } from '../client/session.ts';
import { ConfigError, describeError } from '../errors.ts';
import { builtInServerConfig } from '../runner/profile.ts';
import type { TargetAddress } from '../runner/target.ts';
import type { ParentMessage, ReferenceWorkerData, WorkerMessage } from './reference-worker.ts';

/** A server under fuzzing. */
export interface FuzzTarget {
  /** Where to connect now (a restarted target may listen elsewhere). */
  address(): TargetAddress;
  /** Brings a target that stopped accepting back up; absent for external servers. */
  restart?(): Promise<void>;
  /** What the target said about its death (e.g. the reference MTA's last log lines). */
  crashReport?(): string | undefined;
  /** The bundled reference MTA (its profile defaults apply). */
  readonly builtIn: boolean;
}

/** A server we only connect to. */
export function externalTarget(address: TargetAddress): FuzzTarget {
  return { address: () => address, builtIn: false };
}

/**
 * Whether the target accepts connections: a fresh one must get a greeting (220, or a 421
 * "busy" which still shows a live listener). Resolves to undefined when alive, else why not.
 */
export async function probeLiveness(
  address: TargetAddress,
  timeoutMs: number,
): Promise<string | undefined> {
  let session: SmtpClientSession | undefined;
  try {
    session = await SmtpClientSession.connect({
      ...address,
      connectTimeoutMs: timeoutMs,
      replyTimeoutMs: timeoutMs,
    });
    const greeting = await session.readReply({ what: 'greeting' });
    if (greeting.code !== 220 && greeting.code !== 421)
      return `a fresh connection got ${greeting.code}, not 220`;
    return undefined;
  } catch (err) {
    return `a fresh connection failed: ${describeError(err)}`;
  } finally {
    await session?.close().catch(() => undefined);
  }
}

/** The bundled reference MTA in a worker thread; `stop()` ends it and removes its files. */
export interface ReferenceTarget extends FuzzTarget {
  restart(): Promise<void>;
  crashReport(): string | undefined;
  stop(): Promise<void>;
}

/** Test seams; the CLI and the campaign use the defaults. */
export interface ReferenceTargetOptions {
  /** Worker entry module; default reference-worker next to this file. */
  entry?: URL;
  /** Heap limits of the worker; default {@link RESOURCE_LIMITS}. */
  resourceLimits?: ResourceLimits;
  /** Where the temporary directory for the spool is made; default `os.tmpdir()`. */
  tmpDir?: string;
}

// The entry is loaded by URL, not imported, so take its extension from this module's own:
// .ts when running from the sources, .js in the compiled package (dist/).
const OWN_EXTENSION = new URL(import.meta.url).pathname.endsWith('.ts') ? '.ts' : '.js';
const WORKER_ENTRY = new URL(`./reference-worker${OWN_EXTENSION}`, import.meta.url);

/**
 * A heap ceiling for the MTA thread (the CI machines have 2 cores and 24 GB): a leak or an
 * allocation blow-up triggered by fuzz input ends the worker with ERR_WORKER_OUT_OF_MEMORY
 * instead of taking the whole process down. Buffers live outside the V8 heap and are not
 * counted.
 */
export const RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 512 };

const START_TIMEOUT_MS = 20_000;
/** Graceful stop: shutdownGraceMs below, the queue's grace, and margin. */
const STOP_TIMEOUT_MS = 5000;
/** `worker.terminate()` cannot interrupt a blocking native call: do not wait for ever. */
const TERMINATE_TIMEOUT_MS = 5000;
/** restart() checks the listener first: concurrent runs may have restarted it already. */
const RESTART_PROBE_MS = 2000;
const HEARTBEAT_MS = 250;
/** No heartbeat for this long while the thread exists: its event loop is blocked. */
const STALLED_MS = 2000;
/** Characters of the MTA's log kept; crash reports show the last 600. */
const LOG_TAIL = 4096;
const REPORT_TAIL = 600;

/**
 * The configuration `smtpspec run` gives its in-process reference MTA (loopback, an
 * ephemeral port, the reference profile's AUTH user, a self-signed certificate made at
 * start for STARTTLS), with the spool in `dataDir` and limits for fuzzing: stopping must
 * not wait out sessions the fuzzer left open, concurrent runs must not hit the connection
 * limit, and no client, authenticated or not, may relay.
 */
export function fuzzServerConfig(dataDir: string): ReferenceWorkerData['config'] {
  return {
    ...builtInServerConfig(),
    dataDir,
    log: { level: 'error' },
    limits: { shutdownGraceMs: 200, maxConnections: 500 },
    // The fuzzer logs in with the profile's account: an authenticated client must not get
    // relaying (RFC 4954 §7 would let it), and the worker's queue never relays either.
    relay: { clientNetworks: [], allowAuthenticated: false },
  };
}

/** One worker thread running the MTA, and what is known about its end. */
interface Generation {
  worker: Worker;
  dataDir: string;
  address: TargetAddress;
  /** Tail of its log (JSON lines). */
  log: string;
  /** The uncaught error it died of, if any. */
  error: string | undefined;
  /** How it ended, once it has. */
  exit: string | undefined;
  /** What the thread said as it was dying (before `exit` is known). */
  dying: string | undefined;
  exited: Promise<void>;
  lastBeat: number;
  /** We asked it to stop or terminated it: its end is no crash. */
  retired: boolean;
}

/** The thread exists but its event loop has not run for a while. */
function isBlocked(g: Generation): boolean {
  return g.exit === undefined && Date.now() - g.lastBeat > STALLED_MS;
}

/** Resolves true when `done` settles within `ms`, false otherwise; leaves no timer behind. */
async function within(done: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([done.then(() => true), elapsed]);
  } finally {
    clearTimeout(timer);
  }
}

/** The error's message and the frame of the MTA's code that threw it, on one line. */
function describeCrash(err: unknown): string {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  const frame = /\n\s+at (.*file:.+)/.exec(stack)?.[1];
  return `${describeError(err)}${frame ? ` (at ${frame})` : ''}`.replace(/\s+/g, ' ');
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

async function startGeneration(
  dataDir: string,
  options: ReferenceTargetOptions,
): Promise<Generation> {
  const entry = options.entry ?? WORKER_ENTRY;
  const workerData: ReferenceWorkerData = {
    entry: entry.href,
    config: fuzzServerConfig(dataDir),
    queueStopGraceMs: 1000,
    heartbeatMs: HEARTBEAT_MS,
  };
  const worker = new Worker(entry, {
    workerData,
    resourceLimits: options.resourceLimits ?? RESOURCE_LIMITS,
    // None of our Node flags: the MTA needs none (nor did it as a child process), and some
    // are refused in a worker (`node --input-type=module -e ...` would fail to start it).
    execArgv: [],
    name: 'smtpspec reference MTA',
  });
  let onExit = () => {};
  const g: Generation = {
    worker,
    dataDir,
    address: { host: '127.0.0.1', port: 0 },
    log: '',
    error: undefined,
    exit: undefined,
    dying: undefined,
    exited: new Promise<void>((resolve) => {
      onExit = resolve;
    }),
    lastBeat: Date.now(),
    retired: false,
  };
  // Listening is what keeps an uncaught error in the MTA from becoming an unhandled
  // 'error' event, which would throw in this thread.
  worker.on('error', (err) => {
    g.error ??= describeCrash(err);
  });
  worker.on('exit', (code) => {
    g.exit = g.error ? `died: ${g.error} (exit code ${code})` : `exited with code ${code}`;
    onExit();
  });
  let onListening = (_address: TargetAddress) => {};
  const listening = new Promise<TargetAddress>((resolve) => {
    onListening = resolve;
  });
  worker.on('message', (message: WorkerMessage) => {
    g.lastBeat = Date.now();
    if (message.type === 'log') g.log = (g.log + message.text).slice(-LOG_TAIL);
    else if (message.type === 'dying')
      g.dying ??=
        message.error === undefined
          ? `exited with code ${message.code}`
          : `died: ${describeCrash(message.error)}`;
    else if (message.type === 'listening') onListening({ host: message.host, port: message.port });
  });
  let timer: NodeJS.Timeout | undefined;
  const started = await Promise.race([
    listening,
    g.exited.then(() => `the worker ${g.exit}`),
    new Promise<string>((resolve) => {
      timer = setTimeout(
        () => resolve(`no address within ${START_TIMEOUT_MS} ms`),
        START_TIMEOUT_MS,
      );
    }),
  ]);
  clearTimeout(timer);
  if (typeof started === 'string') {
    await retire(g, false);
    const log = lastLine(g.log);
    throw new ConfigError(`cannot start the reference MTA: ${started}${log ? `: ${log}` : ''}`);
  }
  g.address = started;
  g.lastBeat = Date.now();
  // Once started, the thread must not keep the process alive: a caller that forgets
  // stop() still exits, and the thread ends with it.
  worker.unref();
  return g;
}

/**
 * Ends a generation: a graceful stop first when `graceful`, else (or when that takes too
 * long) `terminate()`, which stops even a busy loop. Removes its spool once it is gone.
 */
async function retire(g: Generation, graceful: boolean): Promise<void> {
  if (g.exit === undefined) {
    g.retired = true;
    let ended = false;
    if (graceful) {
      g.worker.postMessage({ type: 'stop' } satisfies ParentMessage);
      ended = await within(g.exited, STOP_TIMEOUT_MS);
    }
    if (!ended) {
      const terminated = g.worker.terminate().catch(() => undefined);
      ended = await within(Promise.all([terminated, g.exited]), TERMINATE_TIMEOUT_MS);
    }
    // A thread stuck in native code cannot be stopped; it is unref'd and dies with the process.
    if (!ended) g.exit = `did not end within ${TERMINATE_TIMEOUT_MS} ms of terminate()`;
  }
  await rm(g.dataDir, { recursive: true, force: true });
}

/**
 * Starts the bundled reference MTA on an ephemeral 127.0.0.1 port in a worker thread of
 * this process, its spool in a temporary directory that `stop()` removes.
 */
export async function startReferenceTarget(
  options: ReferenceTargetOptions = {},
): Promise<ReferenceTarget> {
  const root = await mkdtemp(join(options.tmpDir ?? tmpdir(), 'smtpspec-fuzz-'));
  let count = 0;
  // Each thread gets a fresh spool: mail left by a crashed one could crash the next.
  const next = () => startGeneration(join(root, `mta-${++count}`), options);
  let current: Generation;
  try {
    current = await next();
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
  let restarting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  async function restart(): Promise<void> {
    if (stopping) throw new Error('the reference MTA was stopped');
    const g = current;
    // A thread that still runs gets a probe first: concurrent runs that saw the previous
    // one die may have restarted it already. A dying or blocked one (no heartbeat) gets
    // none; a hung listener would fail the probe anyway, it accepts and never greets.
    if (
      g.exit === undefined &&
      g.dying === undefined &&
      !isBlocked(g) &&
      (await probeLiveness(g.address, RESTART_PROBE_MS)) === undefined
    )
      return;
    await retire(g, false);
    current = await next();
  }

  return {
    builtIn: true,
    address: () => current.address,
    crashReport() {
      const g = current;
      const log = g.log.trim().slice(-REPORT_TAIL);
      const tail = log ? `; log: ${log}` : '';
      const end = g.exit ?? g.dying;
      if (end !== undefined && !g.retired) return `reference MTA ${end}${tail}`;
      if (isBlocked(g))
        return `reference MTA thread blocked: no heartbeat for ${Date.now() - g.lastBeat} ms (a busy loop or a blocking call)${tail}`;
      return undefined;
    },
    // Concurrent runs that each saw the target die share one restart.
    restart() {
      restarting ??= restart().finally(() => {
        restarting = undefined;
      });
      return restarting;
    },
    stop() {
      stopping ??= (async () => {
        await restarting?.catch(() => undefined);
        await retire(current, true);
        await rm(root, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
