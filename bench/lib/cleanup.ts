/**
 * Cleanup of what a benchmark (or `npm run interop`) started (containers, networks, child
 * processes), also when it is interrupted:
 * on SIGINT or SIGTERM (bench/main.ts sends SIGTERM at its time limit) the registered
 * tasks run, newest first, each bounded, and the process exits with 128 + signal number.
 */
import { basename } from 'node:path';

type Task = () => Promise<unknown>;

const tasks: Task[] = [];
const TASK_TIMEOUT_MS = 30_000;
let installed = false;
let running: Promise<void> | undefined;

async function bounded(task: Task): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, TASK_TIMEOUT_MS);
  });
  await Promise.race([task().catch(() => undefined), limit]);
  clearTimeout(timer);
}

/** Runs every registered task once, newest first; later calls wait for the same run. */
export function runCleanup(): Promise<void> {
  running ??= (async () => {
    while (tasks.length > 0) {
      const task = tasks.pop();
      if (task) await bounded(task);
    }
  })();
  return running;
}

function onSignal(signal: NodeJS.Signals, code: number): void {
  const script = basename(process.argv[1] ?? 'bench', '.ts');
  process.stderr.write(`${script}: ${signal}: cleaning up\n`);
  void runCleanup().finally(() => process.exit(code));
}

/**
 * Registers `task` to run at `runCleanup()` or on SIGINT/SIGTERM. The returned function
 * unregisters it, for a resource released the normal way before the end.
 */
export function onCleanup(task: Task): () => void {
  if (!installed) {
    installed = true;
    process.once('SIGINT', () => onSignal('SIGINT', 130));
    process.once('SIGTERM', () => onSignal('SIGTERM', 143));
  }
  tasks.push(task);
  return () => {
    const index = tasks.lastIndexOf(task);
    if (index >= 0) tasks.splice(index, 1);
  };
}
