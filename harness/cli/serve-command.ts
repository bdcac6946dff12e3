/**
 * `smtpspec serve [--port N] [--host H] [--config FILE]`: runs the reference MTA in the
 * foreground until SIGTERM or SIGINT. One line with the address on stdout, JSON log
 * records on stderr; exit 0 after a graceful stop, 2 for bad flags or configuration.
 */
import { isIP } from 'node:net';
import type { Writable } from 'node:stream';
import { resolveConfig, type ServerConfig } from '../../reference-server/config.ts';
import { loadConfigFile } from '../../reference-server/config-file.ts';
import { createJsonLogger, type Logger } from '../../reference-server/logger.ts';
import type { MessageStore } from '../../reference-server/message-store.ts';
import { createQueue } from '../../reference-server/queue/queue.ts';
import { startReferenceServer } from '../../reference-server/server.ts';
import { describeError, ERROR_CODES, hasErrorCode, UsageError } from '../errors.ts';

/** Exit status for bad usage or configuration (design.md command-line contract). */
const EXIT_USAGE = 2;

/** Where accepted mail goes while serving, and how to stop it after the listener. */
export interface ServeBackend {
  store: MessageStore;
  stop(): Promise<void>;
}

/** Injection points for the CLI and tests. */
export interface ServeOptions {
  stdout?: Writable;
  stderr?: Writable;
  /** Stops the server when aborted; default: SIGTERM or SIGINT. */
  signal?: AbortSignal;
  /** The store behind the server; default the durable queue below `dataDir`. */
  createBackend?: (config: ServerConfig, logger: Logger) => Promise<ServeBackend>;
}

/** The durable spool and delivery queue (reference-server/queue): kept across restarts. */
async function queueBackend(config: ServerConfig, logger: Logger): Promise<ServeBackend> {
  const queue = createQueue(config, { logger });
  await queue.start();
  return { store: queue.store, stop: () => queue.stop() };
}

interface ServeFlags {
  port?: number;
  host?: string;
  config?: string;
}

/** Reads `--port N`, `--host H`, `--config FILE` (also `--flag=value`). */
export function parseServeArgs(argv: readonly string[]): ServeFlags {
  const flags: ServeFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (name !== '--port' && name !== '--host' && name !== '--config') {
      throw new UsageError(`serve: unknown option '${arg}' (expected --port, --host, --config)`);
    }
    if (value === undefined || value === '') throw new UsageError(`serve: ${name} needs a value`);
    if (name === '--port') {
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
        throw new UsageError(`serve: --port expects a port number 0-65535, got '${value}'`);
      }
      flags.port = Number(value);
    } else if (name === '--host') flags.host = value;
    else flags.config = value;
  }
  return flags;
}

async function configFor(flags: ServeFlags): Promise<ServerConfig> {
  const config =
    flags.config !== undefined ? await loadConfigFile(flags.config) : resolveConfig({});
  return {
    ...config,
    listen: { host: flags.host ?? config.listen.host, port: flags.port ?? config.listen.port },
  };
}

function stopSignal(signal: AbortSignal | undefined): Promise<string> {
  if (signal)
    return new Promise((resolve) =>
      signal.addEventListener('abort', () => resolve('abort'), { once: true }),
    );
  return new Promise((resolve) => {
    const onSignal = (name: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(name);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/** Runs `smtpspec serve`; resolves to the exit status. */
export async function serveMain(argv: string[], options: ServeOptions = {}): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  try {
    const config = await configFor(parseServeArgs(argv));
    const logger = createJsonLogger(stderr, config.log.level);
    const stopped = stopSignal(options.signal);
    const backend = await (options.createBackend ?? queueBackend)(config, logger);
    const server = await startReferenceServer({ config, store: backend.store, logger }).catch(
      async (err: unknown) => {
        await backend.stop();
        throw err;
      },
    );
    const { host, port } = server.address;
    stdout.write(
      `smtpspec reference MTA listening on ${isIP(host) === 6 ? `[${host}]` : host}:${port}\n`,
    );
    const reason = await stopped;
    logger.log('info', 'serve.stopping', { reason });
    // Stop accepting and let sessions finish first, then the queue; the spool keeps the mail.
    await server.stop();
    await backend.stop();
    return 0;
  } catch (err) {
    if (hasErrorCode(err, ERROR_CODES.usage) || hasErrorCode(err, ERROR_CODES.config)) {
      stderr.write(`smtpspec: ${describeError(err)}\n`);
      return EXIT_USAGE;
    }
    stderr.write(`smtpspec: internal error: ${describeError(err)}\n`);
    return EXIT_USAGE;
  }
}
