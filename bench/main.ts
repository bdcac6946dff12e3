/**
 * `npm run bench`: runs every benchmark script in bench/ (each `*.ts` here but this one),
 * one after the other as child processes with this Node binary, streams their output and
 * ends with a summary: status, time and the last line each printed (its headline figure).
 *
 * Bounded: the whole run gets SMTPSPEC_BENCH_BUDGET_S seconds (default 600); a script
 * still running at the end of its share gets SIGTERM (our scripts then remove their
 * containers), and SIGKILL 30 s later. Exit status 1 if any script failed or timed out.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envInt } from './lib/env.ts';
import { fixed, table } from './lib/stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const BUDGET_MS = envInt('SMTPSPEC_BENCH_BUDGET_S', 600, 10, 24 * 3600) * 1000;
const KILL_AFTER_MS = 30_000;

interface Outcome {
  script: string;
  status: string;
  seconds: number;
  headline: string;
}

/** The benchmark scripts, by name; test files and this runner are not benchmarks. */
export async function benchScripts(dir = here): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter(
      (n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && n !== basename(import.meta.filename),
    )
    .sort();
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.at(-1) ?? '';
}

function runScript(script: string, limitMs: number): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, script)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-16_384);
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    const term = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, limitMs);
    const kill = setTimeout(() => child.kill('SIGKILL'), limitMs + KILL_AFTER_MS);
    const finish = (status: string) => {
      clearTimeout(term);
      clearTimeout(kill);
      const seconds = (performance.now() - started) / 1000;
      resolve({ script, status, seconds, headline: lastLine(tail) });
    };
    child.on('error', (err) => finish(`error: ${err.message}`));
    child.on('close', (code, signal) => {
      if (timedOut) finish(`timed out after ${fixed(limitMs / 1000, 0)} s`);
      else finish(code === 0 ? 'ok' : `failed (${signal ?? `exit ${code}`})`);
    });
  });
}

async function main(): Promise<number> {
  const deadline = performance.now() + BUDGET_MS;
  const outcomes: Outcome[] = [];
  for (const script of await benchScripts()) {
    const left = deadline - performance.now();
    if (left < 5_000) {
      outcomes.push({ script, status: 'not run: time budget used up', seconds: 0, headline: '' });
      continue;
    }
    console.log(`\n== bench/${script}`);
    outcomes.push(await runScript(script, left));
  }
  console.log('\n== summary');
  console.log(
    table([
      ['script', 'status', 'seconds', 'last line'],
      ...outcomes.map((o) => [o.script, o.status, fixed(o.seconds), o.headline]),
    ]),
  );
  return outcomes.every((o) => o.status === 'ok') ? 0 : 1;
}

if (import.meta.main) process.exitCode = await main();
