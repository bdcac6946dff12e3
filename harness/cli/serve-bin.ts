#!/usr/bin/env node
/**
 * Stand-alone entry for `smtpspec serve`, the reference MTA image's command: it loads only
 * the serve command, not the whole CLI, which keeps the container's resident memory small.
 * `npx node harness/cli/serve-bin.ts [--port N] [--host H] [--config FILE]`.
 */
import { serveMain } from './serve-command.ts';

process.exitCode = await serveMain(process.argv.slice(2));
