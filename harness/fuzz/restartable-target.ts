/**
 * Fuzz targets that can be brought back after a crash, so that the failing run can still
 * be shrunk: an external server with a restart command (`--restart-cmd 'CMD'`, run with
 * `sh -c`), and a server in a container (`--container IMAGE`, `--dockerfile DIR`), which is
 * replaced by a fresh container of the same image.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, describeError } from '../errors.ts';
import type { TargetAddress } from '../runner/target.ts';
import type { ContainerTargetSpec } from '../targets/container-spec.ts';
import type { StartedContainerTarget } from '../targets/container-target.ts';
import { type FuzzTarget, probeLiveness } from './target.ts';

/** How long the restart command may run. */
const COMMAND_TIMEOUT_MS = 120_000;
/** How long the server may take to greet again after the command. */
const COME_BACK_MS = 60_000;
const POLL_MS = 250;
/** Characters of the command's output kept for messages. */
const OUTPUT_TAIL = 400;

/** Runs `command` with `sh -c`; rejects with its exit status and output tail on failure. */
function runShell(command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run the restart command: ${describeError(err)}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const how =
        signal === 'SIGKILL'
          ? `took longer than ${COMMAND_TIMEOUT_MS} ms`
          : `exited with ${code ?? signal}`;
      const tail = output.trim().replace(/\s+/g, ' ');
      reject(new Error(`the restart command ${how}${tail ? `: ${tail}` : ''}`));
    });
  });
}

/** Resolves once `address` greets again; rejects after {@link COME_BACK_MS}. */
async function untilAlive(address: TargetAddress, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + COME_BACK_MS;
  let why = '';
  while (Date.now() < deadline) {
    const down = await probeLiveness(address, timeoutMs);
    if (down === undefined) return;
    why = down;
    await sleep(POLL_MS);
  }
  throw new Error(
    `the server did not greet within ${COME_BACK_MS} ms of the restart command (${why})`,
  );
}

/**
 * An external server and the shell command that restarts it (`--restart-cmd`). Concurrent
 * runs that saw it die share one restart; a server that is alive again is left alone.
 */
export function commandTarget(
  address: TargetAddress,
  command: string,
  timeoutMs: number,
): FuzzTarget {
  if (command.trim() === '') throw new ConfigError('expected a shell command', '--restart-cmd');
  let restarting: Promise<void> | undefined;
  return {
    builtIn: false,
    address: () => address,
    restart() {
      restarting ??= (async () => {
        if ((await probeLiveness(address, timeoutMs)) === undefined) return;
        await runShell(command);
        await untilAlive(address, timeoutMs);
      })().finally(() => {
        restarting = undefined;
      });
      return restarting;
    },
  };
}

/** A target in a container, replaced by a fresh one when it dies; `stop()` removes it. */
export interface ContainerFuzzTarget extends FuzzTarget {
  readonly image: string;
  stop(): Promise<void>;
}

/** Starts the container of `spec` and returns it as a restartable fuzz target. */
export async function containerFuzzTarget(
  spec: ContainerTargetSpec,
  options: { signal?: AbortSignal; onProgress?: (line: string) => void } = {},
): Promise<ContainerFuzzTarget> {
  // Loaded on demand: testcontainers takes most of a second to import.
  const { startContainerTarget } = await import('../targets/container-target.ts');
  let current: StartedContainerTarget = await startContainerTarget(spec, options);
  let lastEnd: string | undefined;
  let restarting: Promise<void> | undefined;
  let stopped = false;
  return {
    builtIn: false,
    get image() {
      return current.image;
    },
    address: () => current.address,
    crashReport: () => lastEnd,
    restart() {
      restarting ??= (async () => {
        if (stopped) throw new Error('the target container was stopped');
        if ((await probeLiveness(current.address, 2000)) === undefined) return;
        const status = await current.status().catch((err: unknown) => describeError(err));
        const log = await current.logTail(10).catch(() => '');
        lastEnd = `container ${current.containerId.slice(0, 12)} ${status}${log ? `; log: ${log.replace(/\s+/g, ' ').slice(-400)}` : ''}`;
        await current.stop();
        options.onProgress?.(`restarting ${current.image} in a fresh container`);
        current = await startContainerTarget(spec, options);
      })().finally(() => {
        restarting = undefined;
      });
      return restarting;
    },
    async stop() {
      stopped = true;
      await restarting?.catch(() => undefined);
      await current.stop();
    },
  };
}
