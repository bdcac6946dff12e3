/**
 * What `--container IMAGE` / `--dockerfile DIR` start, and its validation. Kept apart from
 * container-target.ts so the CLI can check arguments without loading testcontainers.
 */
import { ConfigError, ERROR_CODES, SmtpHarnessError } from '../errors.ts';

/** What to start: exactly one of `image` and `dockerfile`. */
export interface ContainerTargetSpec {
  /** An image present locally or pullable, e.g. `my-mta:ci`. */
  image?: string;
  /** A build context directory with a `Dockerfile`, or the path of a Dockerfile. */
  dockerfile?: string;
  /**
   * The SMTP port inside the container; published on 127.0.0.1. Default: the image's
   * exposed port when it exposes exactly one, else 25.
   */
  port?: number;
  /** Environment variables of the container. */
  env?: Readonly<Record<string, string>>;
  /** How long to wait for the 220 greeting after the container starts (default 120 s). */
  startupTimeoutMs?: number;
  /** How long pulling or building the image may take (default 10 min). */
  prepareTimeoutMs?: number;
  /** Lines of log kept for reports (default 40). */
  logLines?: number;
  /**
   * Extra `/etc/hosts` entries (`docker run --add-host`); `ipAddress` may be `host-gateway`,
   * the Docker host as the container reaches it (the relay sink listens there).
   */
  extraHosts?: { host: string; ipAddress: string }[];
}

/** The target container could not be started; `logTail` is its log, when it had one. */
export class ContainerStartError extends SmtpHarnessError {
  override readonly name = 'ContainerStartError';
  readonly image: string;
  readonly logTail: string;

  constructor(image: string, reason: string, logTail = '', options?: { cause?: unknown }) {
    super(ERROR_CODES.container, `container ${image} did not start: ${reason}`, options);
    this.image = image;
    this.logTail = logTail;
  }
}

/** The SMTP port inside a container when neither `port` nor the image says otherwise. */
export const DEFAULT_CONTAINER_PORT = 25;

/**
 * The port to use from an image's exposed ports (Docker's `Config.ExposedPorts` keys,
 * `2525/tcp`): the one TCP port when there is exactly one (UDP ports do not count).
 */
export function portFromExposed(exposed: readonly string[]): number | undefined {
  const tcp = exposed
    .map((p) => /^(\d{1,5})(?:\/tcp)?$/i.exec(p)?.[1])
    .filter((p): p is string => p !== undefined)
    .map(Number)
    .filter((p) => p >= 1 && p <= 65535);
  return tcp.length === 1 ? tcp[0] : undefined;
}

export const DEFAULT_STARTUP_TIMEOUT_MS = 120_000;
export const DEFAULT_PREPARE_TIMEOUT_MS = 600_000;
export const DEFAULT_LOG_LINES = 40;

/** POSIX-style variable names; Docker accepts more, but a typo is likelier than a need. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A Docker image reference: name, optional registry, tag or digest. */
const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$/;

/** Parses `--env K=V` values (V may contain `=`); a bad or repeated name is a ConfigError. */
export function parseEnvAssignments(list: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    if (eq < 0 || !ENV_NAME.test(name)) {
      throw new ConfigError(
        `expected NAME=VALUE with NAME like MTA_DOMAIN, got '${item}'`,
        '--env',
      );
    }
    if (Object.hasOwn(env, name)) throw new ConfigError(`${name} is given twice`, '--env');
    env[name] = item.slice(eq + 1);
  }
  return env;
}

function checkPositive(value: number | undefined, field: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new ConfigError(`expected a positive integer, got ${value}`, field);
  }
}

/** Throws a ConfigError naming the field that makes `spec` unusable. */
export function checkContainerSpec(spec: ContainerTargetSpec): void {
  if ((spec.image === undefined) === (spec.dockerfile === undefined)) {
    throw new ConfigError('give exactly one of image and dockerfile', 'container');
  }
  if (spec.image !== undefined && !IMAGE_REF.test(spec.image)) {
    throw new ConfigError(`'${spec.image}' is not an image reference`, '--container');
  }
  if (spec.dockerfile === '') throw new ConfigError('expected a path', '--dockerfile');
  for (const name of Object.keys(spec.env ?? {})) {
    if (!ENV_NAME.test(name)) throw new ConfigError(`'${name}' is not a variable name`, '--env');
  }
  const port = spec.port ?? DEFAULT_CONTAINER_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(`port ${port} is not in 1-65535`, '--port');
  }
  checkPositive(spec.startupTimeoutMs, 'startupTimeoutMs');
  checkPositive(spec.prepareTimeoutMs, 'prepareTimeoutMs');
  checkPositive(spec.logLines, 'logLines');
}
