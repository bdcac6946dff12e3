/**
 * Waiting for a target container to greet, for `--container` and `--dockerfile`: like
 * SmtpGreetingWaitStrategy it waits for a complete `220 ` line, but it also watches the
 * container, so an image that exits at once fails in a second rather than at the startup
 * timeout, and it keeps the log tail before testcontainers removes a container that did
 * not become ready (the log is the one thing that tells a user why).
 */
import type Dockerode from 'dockerode';
import type { BoundPorts } from 'testcontainers';
import { describeError, ERROR_CODES, SmtpHarnessError, TimeoutError } from '../errors.ts';
import { replyText } from '../wire/reply.ts';
import { readGreeting, TimedWaitStrategy } from './smtp-greeting-wait.ts';

const ATTEMPT_TIMEOUT_MS = 3_000;
const RETRY_PAUSE_MS = 250;
const LOG_READ_TIMEOUT_MS = 5_000;
/** Cap on log bytes kept: the tail of a chatty MTA is enough, a flood is not. */
const MAX_LOG_BYTES = 64 * 1024;

/** The container stopped before it greeted. */
export class ContainerExitedError extends SmtpHarnessError {
  override readonly name = 'ContainerExitedError';
  readonly exitCode: number;

  constructor(exitCode: number) {
    super(
      ERROR_CODES.container,
      `the container exited with status ${exitCode} before its SMTP greeting`,
    );
    this.exitCode = exitCode;
  }
}

/**
 * Docker's log stream format without a TTY: frames of an 8-byte header (stream type, three
 * zero bytes, big-endian length) and the payload. Anything else is returned as it is.
 */
export function demuxDockerLog(raw: Buffer): string {
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= raw.length) {
    const type = raw[at];
    if ((type !== 0 && type !== 1 && type !== 2) || raw[at + 1] !== 0 || raw[at + 2] !== 0) {
      return raw.toString('utf8');
    }
    const size = raw.readUInt32BE(at + 4);
    if (at + 8 + size > raw.length) return raw.toString('utf8');
    parts.push(raw.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return at === raw.length ? Buffer.concat(parts).toString('utf8') : raw.toString('utf8');
}

/** The last `lines` lines of a container's log (stdout and stderr), bounded in time and size. */
export async function readContainerLog(
  container: Dockerode.Container,
  lines: number,
): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`(no log within ${LOG_READ_TIMEOUT_MS} ms)`),
      LOG_READ_TIMEOUT_MS,
    );
  });
  const read = container
    .logs({ stdout: true, stderr: true, tail: lines, follow: false })
    .then((raw: Buffer | string) => {
      const text = typeof raw === 'string' ? raw : demuxDockerLog(raw);
      return text.length > MAX_LOG_BYTES ? text.slice(-MAX_LOG_BYTES) : text;
    })
    .catch((err: unknown) => `(log unavailable: ${describeError(err)})`);
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class GreetingOrExitWaitStrategy extends TimedWaitStrategy {
  private readonly containerPort: number;
  private readonly logLines: number;
  private readonly signal: AbortSignal | undefined;
  /** The log tail, kept when the wait fails (the container is removed right after). */
  failureLog: string | undefined;

  constructor(containerPort: number, options: { logLines: number; signal?: AbortSignal }) {
    super(120_000);
    this.containerPort = containerPort;
    this.logLines = options.logLines;
    this.signal = options.signal;
  }

  async waitUntilReady(container: Dockerode.Container, boundPorts: BoundPorts): Promise<void> {
    try {
      await this.#wait(container, boundPorts.getBinding(this.containerPort));
    } catch (err) {
      this.failureLog = await readContainerLog(container, this.logLines);
      throw err;
    }
  }

  async #wait(container: Dockerode.Container, port: number): Promise<void> {
    const deadline = Date.now() + this.startupTimeoutMs;
    let last = 'no attempt made';
    while (Date.now() < deadline) {
      this.signal?.throwIfAborted();
      const state = (await container.inspect()).State;
      if (!state.Running) throw new ContainerExitedError(state.ExitCode);
      try {
        const remaining = Math.max(1, deadline - Date.now());
        const greeting = await readGreeting(
          '127.0.0.1',
          port,
          Math.min(ATTEMPT_TIMEOUT_MS, remaining),
        );
        if (greeting.code === 220) return;
        last = `greeting was ${replyText(greeting)}`;
      } catch (err) {
        last = describeError(err);
      }
      await sleep(RETRY_PAUSE_MS);
    }
    throw new TimeoutError(
      `SMTP 220 greeting on 127.0.0.1:${port} (last: ${last})`,
      this.startupTimeoutMs,
    );
  }
}
