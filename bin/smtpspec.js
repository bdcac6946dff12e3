#!/usr/bin/env node
// The `smtpspec` command. An installed package runs the compiled CLI in dist/ (Node does
// not strip types under node_modules); a source checkout without a build runs the
// TypeScript sources directly on Node 24.
import { existsSync } from 'node:fs';

const built = new URL('../dist/harness/cli/main.js', import.meta.url);
const source = new URL('../harness/cli/main.ts', import.meta.url);
const cli = await import(existsSync(built) ? built.href : source.href);
await cli.runProcess();
