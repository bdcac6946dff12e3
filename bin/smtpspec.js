#!/usr/bin/env node
// The `smtpspec` command. An installed package runs the compiled CLI in dist/ (Node does
// not strip types under node_modules); a source checkout without a build runs the
// TypeScript sources directly on the Node pinned as its dev dependency. Kept to syntax
// every Node.js parses, so that an old one gets one line saying what it needs (exit 2)
// rather than a stack trace from deep inside a dependency.
import { existsSync } from 'node:fs';

const built = new URL('../dist/harness/cli/main.js', import.meta.url);
const fromSource = !existsSync(built);
if (fromSource && !process.features?.typescript) {
  process.stderr.write(
    `smtpspec: the source checkout runs on its pinned Node.js (npx smtpspec, npm run smtpspec); this is Node.js ${process.versions.node}, which cannot run TypeScript\n`,
  );
  process.exit(2);
}
const support = fromSource ? '../harness/node-support.ts' : '../dist/harness/node-support.js';
const { exitUnlessSupportedNode } = await import(new URL(support, import.meta.url).href);
exitUnlessSupportedNode();

let cli;
try {
  const main = fromSource ? new URL('../harness/cli/main.ts', import.meta.url) : built;
  cli = await import(main.href);
} catch (err) {
  // Loading failed before the CLI could report anything itself: one line, the stack only
  // with --verbose (as for every internal error).
  const message = String(err?.message || err).split('\n')[0];
  process.stderr.write(
    `smtpspec: internal error while loading: ${message} (this is a bug in smtpspec)\n`,
  );
  if (process.argv.includes('--verbose') && err?.stack) {
    process.stderr.write(`${err.stack}\n`);
  }
  process.exit(2);
}
await cli.runProcess();
