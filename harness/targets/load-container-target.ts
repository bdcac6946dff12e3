/**
 * testcontainers is an optional peer dependency: installing smtpspec does not pull it (nor
 * ssh2, cpu-features and protobufjs behind it), and it is loaded only when a run starts a
 * container. Without it, a container target fails with one line saying what to install.
 */
import { ERROR_CODES, SmtpHarnessError } from '../errors.ts';
import type { ContainerTargetSpec } from './container-spec.ts';
import type { StartedContainerTarget } from './container-target.ts';

type ContainerTargetModule = typeof import('./container-target.ts');

/** The command that installs the missing peer, as the message shows it. */
export const INSTALL_TESTCONTAINERS = 'npm install --save-dev testcontainers';

/** True when `err` is Node's "cannot find package `name`" from an import. */
export function isMissingPackage(err: unknown, name: string): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.code === 'ERR_MODULE_NOT_FOUND' &&
    typeof e.message === 'string' &&
    e.message.includes(`'${name}'`)
  );
}

/**
 * Loads the container target module (and testcontainers with it). `what` names the
 * option in the message: `--container needs the package testcontainers: npm install
 * --save-dev testcontainers`.
 */
export async function loadContainerTargets(what: string): Promise<ContainerTargetModule> {
  try {
    return await import('./container-target.ts');
  } catch (err) {
    if (!isMissingPackage(err, 'testcontainers')) throw err;
    throw new SmtpHarnessError(
      ERROR_CODES.config,
      `${what} needs the package testcontainers: ${INSTALL_TESTCONTAINERS}`,
      { cause: err },
    );
  }
}

/**
 * Starts the target container (harness/targets/container-target.ts), loading
 * testcontainers first. The public API's `startContainerTarget`.
 * @throws SmtpHarnessError (code SMTPSPEC_ERR_CONFIG) when testcontainers is not installed;
 *   ContainerStartError when the container does not start.
 */
export async function startContainerTarget(
  spec: ContainerTargetSpec,
  options: { signal?: AbortSignal; onProgress?: (line: string) => void } = {},
): Promise<StartedContainerTarget> {
  const targets = await loadContainerTargets('a container target');
  return targets.startContainerTarget(spec, options);
}
