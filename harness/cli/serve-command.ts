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
import { UsageError } from '../errors.ts';
import { defineCommand, type FlagTable, type FlagValues, parseCommand } from './command.ts';
import { errorLine } from './error-line.ts';
import { EXIT_USAGE } from './exit-status.ts';

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

/** Flags of `smtpspec serve`. */
export const SERVE_FLAGS = {
  port: {
    type: 'string',
    value: 'N',
    defaultText: "the configuration's listen.port, else 2525; 0 for any free port",
    help: 'port to listen on',
  },
  host: {
    type: 'string',
    value: 'H',
    defaultText: "the configuration's listen.host, else 127.0.0.1",
    help: 'address to listen on (IPv6 without brackets)',
  },
  config: {
    type: 'string',
    value: 'FILE',
    defaultText: 'built-in defaults',
    help: 'a JSON or YAML configuration of the reference MTA (README "The reference MTA")',
  },
} as const satisfies FlagTable;

/** `smtpspec serve`. */
export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'run the bundled reference MTA in the foreground',
  usage: '[--port N] [--host H] [--config FILE]',
  description:
    'Runs the reference MTA until SIGTERM or SIGINT: one line with its address on stdout, structured JSON logs on stderr. On a signal it stops accepting, lets sessions finish and keeps the queue.',
  positionals: { name: 'arguments', min: 0, max: 0 },
  flags: SERVE_FLAGS,
  examples: ['smtpspec serve --port 2525 --config mta.yaml'],
  exitStatus: 'Exit status: 0 after a graceful stop; 2 bad usage or configuration.',
  run: ({ values }) => serveWith(serveFlagsFrom(values)),
});

function serveFlagsFrom(values: FlagValues<typeof SERVE_FLAGS>): ServeFlags {
  const flags: ServeFlags = {};
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535) {
      throw new UsageError(`--port: expected a port number 0-65535, got '${values.port}'`);
    }
    flags.port = Number(values.port);
  }
  if (values.host !== undefined) {
    if (values.host === '') throw new UsageError('--host: expected an address');
    flags.host = values.host;
  }
  if (values.config !== undefined) {
    if (values.config === '') throw new UsageError('--config: expected a file');
    flags.config = values.config;
  }
  return flags;
}

/** Reads `--port N`, `--host H`, `--config FILE` (also `--flag=value`). */
export function parseServeArgs(argv: readonly string[]): ServeFlags {
  return serveFlagsFrom(parseCommand(serveCommand, argv).values);
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

/** Runs `smtpspec serve ARGS` (serve-bin.ts); resolves to the exit status. */
export async function serveMain(argv: string[], options: ServeOptions = {}): Promise<number> {
  const stderr = options.stderr ?? process.stderr;
  try {
    return await serveWith(parseServeArgs(argv), options);
  } catch (err) {
    stderr.write(`${errorLine(err, 'serve')}\n`);
    return EXIT_USAGE;
  }
}

/** Runs the reference MTA until stopped; resolves to 0. Bad configuration throws. */
async function serveWith(flags: ServeFlags, options: ServeOptions = {}): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const config = await configFor(flags);
  const logger = createJsonLogger(stderr, config.log.level, { batch: true });
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
}
