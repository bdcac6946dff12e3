#!/usr/bin/env node
/**
 * Stand-alone entry for `smtpspec serve` while the CLI is not wired:
 * `npx node reference-server/serve-bin.ts [--port N] [--host H] [--config FILE]`.
 */
import { serveMain } from './serve.ts';

process.exitCode = await serveMain(process.argv.slice(2));
