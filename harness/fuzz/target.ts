/**
 * The server a campaign fuzzes, the liveness probe, and the bundled reference MTA run as
 * a child process: a crash found in it must not take the fuzzer down with it, and the
 * child can be restarted so shrinking can go on after each crash.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SmtpClientSession } from '../client/session.ts';
import { ConfigError, describeError } from '../errors.ts';
import type { TargetAddress } from '../runner/target.ts';

/** A server under fuzzing. */
export interface FuzzTarget {
  /** Where to connect now (a restarted target may listen elsewhere). */
  address(): TargetAddress;
  /** Brings a target that stopped accepting back up; absent for external servers. */
  restart?(): Promise<void>;
  /** What the target said about its death (e.g. the child's last stderr lines). */
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

const SERVE_BIN = fileURLToPath(new URL('../../reference-server/serve-bin.ts', import.meta.url));
const LISTENING = /listening on (\S+):(\d+)/;
const START_TIMEOUT_MS = 20_000;
/** Octets of the child's stderr kept for a crash report. */
const STDERR_TAIL = 4096;

/** The reference MTA in a child process; `stop()` ends it. */
export interface ReferenceTarget extends FuzzTarget {
  stop(): Promise<void>;
}

interface Child {
  process: ChildProcess;
  address: TargetAddress;
  stderr: string;
  exit: string | undefined;
}

async function spawnReference(configFile: string): Promise<Child> {
  const proc = spawn(
    process.execPath,
    [SERVE_BIN, '--host', '127.0.0.1', '--port', '0', '--config', configFile],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const child: Child = {
    process: proc,
    address: { host: '127.0.0.1', port: 0 },
    stderr: '',
    exit: undefined,
  };
  proc.stderr?.on('data', (chunk: Buffer) => {
    child.stderr = (child.stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
  });
  proc.on('exit', (code, signal) => {
    child.exit = signal ? `killed by ${signal}` : `exited with code ${code}`;
  });
  child.address = await new Promise<TargetAddress>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => fail(`no "listening" line within ${START_TIMEOUT_MS} ms`),
      START_TIMEOUT_MS,
    );
    const fail = (why: string) => {
      clearTimeout(timer);
      proc.kill('SIGKILL');
      reject(
        new ConfigError(
          `cannot start the reference MTA: ${why}: ${child.stderr.trim().split('\n').pop() ?? ''}`,
        ),
      );
    };
    proc.stdout?.on('data', (chunk: Buffer) => {
      out = (out + chunk.toString('utf8')).slice(-1024);
      const m = LISTENING.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ host: m[1] ?? '127.0.0.1', port: Number(m[2]) });
      }
    });
    proc.once('exit', () => fail(child.exit ?? 'exited'));
  });
  return child;
}

async function stopChild(child: Child): Promise<void> {
  if (child.exit !== undefined) return;
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Starts the bundled reference MTA on an ephemeral 127.0.0.1 port in a child process. */
export async function startReferenceTarget(): Promise<ReferenceTarget> {
  const dir = await mkdtemp(join(tmpdir(), 'smtpspec-fuzz-'));
  const configFile = join(dir, 'reference.json');
  // A short grace period: stopping must not wait out sessions the fuzzer left open.
  const config = { log: { level: 'error' }, limits: { shutdownGraceMs: 200, maxConnections: 500 } };
  await writeFile(configFile, JSON.stringify(config));
  let child = await spawnReference(configFile);
  const killOnExit = () => child.process.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    builtIn: true,
    address: () => child.address,
    crashReport: () =>
      child.exit
        ? `reference MTA ${child.exit}; stderr: ${child.stderr.trim().slice(-600)}`
        : undefined,
    async restart() {
      await stopChild(child);
      child = await spawnReference(configFile);
    },
    async stop() {
      process.off('exit', killOnExit);
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
