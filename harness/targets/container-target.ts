/**
 * The server under test as a container (`smtpspec run --container IMAGE` or
 * `--dockerfile DIR`): started with testcontainers as an SmtpContainer (ports published on
 * 127.0.0.1 only, ready on a complete 220 greeting), then stopped and removed by `stop()`,
 * which callers run in `finally` and on Ctrl-C. A start that fails removes what it created
 * and throws a ContainerStartError carrying the container's log tail.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type Dockerode from 'dockerode';
import { GenericContainer, getContainerRuntimeClient, ImageName } from 'testcontainers';
import { ConfigError, describeError } from '../errors.ts';
import type { TargetAddress } from '../runner/target.ts';
import {
  ContainerStartError,
  type ContainerTargetSpec,
  checkContainerSpec,
  DEFAULT_CONTAINER_PORT,
  DEFAULT_LOG_LINES,
  DEFAULT_PREPARE_TIMEOUT_MS,
  DEFAULT_STARTUP_TIMEOUT_MS,
  portFromExposed,
} from './container-spec.ts';
import { GreetingOrExitWaitStrategy, readContainerLog } from './container-target-wait.ts';
import { SmtpContainer, type StartedSmtpContainer } from './smtp-container.ts';

export { ContainerStartError, type ContainerTargetSpec } from './container-spec.ts';

/** A started target container. Dispose of it (`await using`) or call `stop()`. */
export interface StartedContainerTarget extends AsyncDisposable {
  readonly image: string;
  readonly containerId: string;
  /** Where the harness connects: 127.0.0.1 and the published port. */
  readonly address: TargetAddress;
  /** The last lines of the container's log. */
  logTail(lines?: number): Promise<string>;
  /** `running`, or `exited with status 139 (OOM killed)`, from Docker's view of it. */
  status(): Promise<string>;
  /** Stops and removes the container and its anonymous volumes; safe to call twice. */
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 30_000;
const ABORT_GRACE_MS = 5_000;
const DOCKER_CHECK_TIMEOUT_MS = 30_000;
/** Label on every target container, so leftovers are easy to find (`docker ps -af label=...`). */
export const TARGET_LABEL = 'org.smtpspec.target';

/** Rejects after `ms` with `message`; the timer never outlives the race. */
async function within<T>(work: Promise<T>, ms: number, message: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(message()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function dockerClient(label: string) {
  try {
    return await within(getContainerRuntimeClient(), DOCKER_CHECK_TIMEOUT_MS, () => {
      return new Error(`no answer within ${DOCKER_CHECK_TIMEOUT_MS} ms`);
    });
  } catch (err) {
    throw new ContainerStartError(label, `Docker is not reachable (${describeError(err)})`, '', {
      cause: err,
    });
  }
}

/** Context directory and Dockerfile name of `--dockerfile PATH`. */
async function buildContext(path: string): Promise<{ context: string; file: string }> {
  const full = resolve(path);
  const info = await stat(full).catch(() => undefined);
  if (info?.isFile()) return { context: dirname(full), file: basename(full) };
  if (
    info?.isDirectory() &&
    (await stat(join(full, 'Dockerfile')).catch(() => undefined))?.isFile()
  ) {
    return { context: full, file: 'Dockerfile' };
  }
  throw new ConfigError(
    'expected a directory with a Dockerfile, or a Dockerfile',
    `--dockerfile ${path}`,
  );
}

/** A stable local tag per build context, so rebuilding reuses Docker's layer cache. */
function dockerfileTag(context: string, file: string): string {
  // Docker repository names: lower-case alphanumerics separated by single dashes.
  const slug = basename(context)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(`${context}\0${file}`).digest('hex').slice(0, 12);
  return `smtpspec-target/${slug || 'context'}:${hash}`;
}

async function buildImage(
  path: string,
  { context, file }: { context: string; file: string },
  timeoutMs: number,
): Promise<string> {
  const tag = dockerfileTag(context, file);
  try {
    await within(
      // BuildKit: a failed classic build leaves its intermediate containers behind.
      GenericContainer.fromDockerfile(context, file)
        .withBuildkit()
        .build(tag, { deleteOnExit: false }),
      timeoutMs,
      () => new Error(`the build took longer than ${timeoutMs} ms`),
    );
  } catch (err) {
    // testcontainers keeps the build output to itself: point at the command that shows it.
    const hint = `docker build -f ${join(context, file)} ${context}`;
    const reason = `building ${path} failed: ${describeError(err)} (run \`${hint}\` to see why)`;
    throw new ContainerStartError(tag, reason, '', { cause: err });
  }
  return tag;
}

async function imagePresent(
  client: Awaited<ReturnType<typeof getContainerRuntimeClient>>,
  image: string,
): Promise<boolean> {
  return client.image.exists(ImageName.fromString(image)).catch(() => false);
}

async function pullImage(
  client: Awaited<ReturnType<typeof getContainerRuntimeClient>>,
  image: string,
  timeoutMs: number,
): Promise<void> {
  try {
    await within(
      client.image.pull(ImageName.fromString(image)),
      timeoutMs,
      () => new Error(`no pull within ${timeoutMs} ms`),
    );
  } catch (err) {
    throw new ContainerStartError(image, `cannot pull the image: ${describeError(err)}`, '', {
      cause: err,
    });
  }
}

/**
 * The SMTP port when `--port` is not given: the image's one exposed TCP port (the
 * reference MTA image EXPOSEs 2525), else 25. Says which, as a progress line.
 */
async function portOfImage(
  client: Awaited<ReturnType<typeof getContainerRuntimeClient>>,
  image: string,
  onProgress: ((line: string) => void) | undefined,
): Promise<number> {
  const info = await client.image.inspect(ImageName.fromString(image)).catch(() => undefined);
  const exposed = Object.keys(info?.Config?.ExposedPorts ?? {});
  const port = portFromExposed(exposed);
  if (port !== undefined) {
    onProgress?.(`port ${port}: the one port ${image} exposes (--port picks another)`);
    return port;
  }
  if (exposed.length > 1) {
    onProgress?.(
      `port ${DEFAULT_CONTAINER_PORT}: ${image} exposes ${exposed.join(', ')} (--port picks another)`,
    );
  }
  return DEFAULT_CONTAINER_PORT;
}

/** An SmtpContainer that remembers its id, so a failed start can still be cleaned up. */
class TargetContainer extends SmtpContainer {
  createdId: string | undefined;

  protected override async containerCreated(containerId: string): Promise<void> {
    this.createdId = containerId;
  }
}

async function settleFailedStart(
  client: Awaited<ReturnType<typeof getContainerRuntimeClient>>,
  id: string | undefined,
  kept: string | undefined,
  logLines: number,
): Promise<{ log: string; exit?: number }> {
  if (id === undefined) return { log: kept ?? '' };
  const container: Dockerode.Container = client.container.dockerode.getContainer(id);
  const state = await container.inspect().then(
    (info) => info.State,
    () => undefined,
  );
  const log = kept ?? (state ? await readContainerLog(container, logLines) : '');
  await within(
    container.remove({ force: true, v: true }),
    STOP_TIMEOUT_MS,
    () => new Error('remove'),
  ).catch(() => undefined);
  return state && !state.Running ? { log, exit: state.ExitCode } : { log };
}

/**
 * Starts the target container and waits for its 220 greeting. `signal` aborts the start
 * (the container is removed, and the abort reason is thrown).
 * @throws ContainerStartError (code SMTPSPEC_ERR_CONTAINER) when Docker is unreachable, the
 *   image cannot be pulled or built, or the container exits or never greets.
 */
export async function startContainerTarget(
  spec: ContainerTargetSpec,
  options: { signal?: AbortSignal; onProgress?: (line: string) => void } = {},
): Promise<StartedContainerTarget> {
  checkContainerSpec(spec);
  const { signal } = options;
  const logLines = spec.logLines ?? DEFAULT_LOG_LINES;
  const prepareMs = spec.prepareTimeoutMs ?? DEFAULT_PREPARE_TIMEOUT_MS;
  // A wrong path is a usage problem: say so before talking to Docker at all.
  const build = spec.dockerfile === undefined ? undefined : await buildContext(spec.dockerfile);
  const client = await dockerClient(spec.image ?? spec.dockerfile ?? '');
  if (build !== undefined) options.onProgress?.(`building ${spec.dockerfile}`);
  const image = spec.image ?? (await buildImage(spec.dockerfile!, build!, prepareMs));
  signal?.throwIfAborted();
  let local = spec.dockerfile !== undefined || (await imagePresent(client, image));
  if (!local && spec.port === undefined) {
    // The port comes from the image's configuration, so the image is needed first.
    options.onProgress?.(`pulling ${image}`);
    await pullImage(client, image, prepareMs);
    local = true;
  }
  const port = spec.port ?? (await portOfImage(client, image, options.onProgress));
  signal?.throwIfAborted();
  const wait = new GreetingOrExitWaitStrategy(port, { logLines, ...(signal ? { signal } : {}) });
  const container = new TargetContainer(image, port)
    .withWaitStrategy(wait)
    .withStartupTimeout(spec.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS)
    .withEnvironment({ ...spec.env })
    .withExtraHosts([...(spec.extraHosts ?? [])])
    .withLabels({ [TARGET_LABEL]: 'true' });
  options.onProgress?.(local ? `starting ${image}` : `pulling and starting ${image}`);
  // Pulling counts against the prepare budget, the greeting against the startup timeout.
  const budget = prepareMs + (spec.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS);
  let started: StartedSmtpContainer;
  try {
    const starting = within(
      container.start(),
      budget,
      () => new Error(`no start within ${budget} ms`),
    );
    started = await startOrAbort(starting, signal);
  } catch (err) {
    const { log, exit } = await settleFailedStart(
      client,
      container.createdId,
      wait.failureLog,
      logLines,
    );
    signal?.throwIfAborted();
    const said = describeError(err).trim();
    const reason =
      exit !== undefined && !/exited with status/.test(said)
        ? `the container exited with status ${exit} before its SMTP greeting`
        : container.createdId === undefined && !local
          ? `cannot pull the image: ${said}`
          : said;
    throw new ContainerStartError(image, reason, log, { cause: err });
  }
  const target = startedTarget(image, started);
  if (signal?.aborted) {
    await target.stop().catch(() => undefined);
    throw signal.reason;
  }
  return target;
}

/**
 * `start`, or the abort reason once `signal` fires and the start has had ABORT_GRACE_MS to
 * notice (the wait strategy checks the signal, and testcontainers then removes the
 * container). A start that still succeeds later is stopped at once.
 */
function startOrAbort<T extends { stop(): Promise<unknown> }>(
  start: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (signal === undefined) return start;
  return new Promise<T>((resolvePromise, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      timer = setTimeout(() => {
        start.then((late) => late.stop()).catch(() => undefined);
        reject(signal.reason);
      }, ABORT_GRACE_MS);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    start.then(
      (value) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolvePromise(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function startedTarget(image: string, started: StartedSmtpContainer): StartedContainerTarget {
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= within(
      started.stop({ timeout: 0, remove: true, removeVolumes: true }).then(() => undefined),
      STOP_TIMEOUT_MS,
      () => new Error(`container ${started.getId()} did not stop within ${STOP_TIMEOUT_MS} ms`),
    );
    return stopping;
  };
  return {
    image,
    containerId: started.getId(),
    address: { host: started.getSmtpHost(), port: started.getSmtpPort() },
    logTail: (lines = DEFAULT_LOG_LINES) => started.logTail(lines),
    status: () => containerStatus(started.getId()),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/**
 * The address of the Docker host on the default bridge network: what `host-gateway`
 * stands for in a container, so where a server of the harness (the relay sink) must listen
 * for a target container to reach it. The bridge's gateway, else its subnet's first host.
 */
export async function dockerBridgeGateway(): Promise<string> {
  const client = await dockerClient('bridge network');
  const info = (await client.container.dockerode.getNetwork('bridge').inspect()) as {
    IPAM?: { Config?: { Gateway?: string; Subnet?: string }[] };
  };
  const config = (info.IPAM?.Config ?? []).find((c) => c.Subnet?.includes('.') ?? false);
  if (config?.Gateway) return config.Gateway;
  const subnet = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/\d+$/.exec(config?.Subnet ?? '');
  if (subnet === null) {
    throw new ConfigError('cannot tell the Docker bridge gateway: give --sink-listen', 'docker');
  }
  return `${subnet[1]}.${subnet[2]}.${subnet[3]}.${Number(subnet[4]) + 1}`;
}

/** The container's state in one phrase, for a report that says the target went down. */
async function containerStatus(id: string): Promise<string> {
  const client = await getContainerRuntimeClient();
  const info = await client.container.dockerode.getContainer(id).inspect();
  const state = info.State;
  if (state.Running) return state.Paused ? 'running (paused)' : 'running';
  const oom = state.OOMKilled ? ' (OOM killed)' : '';
  return `exited with status ${state.ExitCode}${oom}`;
}
