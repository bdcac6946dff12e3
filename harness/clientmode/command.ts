/**
 * Running the client under test: `--client-cmd` split into a program and its arguments,
 * `{host}` and `{port}` replaced inside each argument, run without a shell, bounded in
 * time, its output kept (bounded) and its exit recorded.
 *
 * Splitting: words are separated by spaces or tabs; '...' keeps everything inside as it
 * is; "..." too, except that \" and \\ stand for " and \; outside quotes a backslash
 * keeps the next character. No other shell syntax means anything (no $, `, |, ;, >, *):
 * the placeholders are filled after splitting, so a host or port can never become a
 * second argument or a command. Run a shell explicitly (`sh -c '...'`) to have one.
 */
import { spawn } from 'node:child_process';
import { UsageError } from '../errors.ts';

/** The argv of `command`; a quote left open is a UsageError. */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (command[i + 1] === '"' || command[i + 1] === '\\'))
        word += command[++i];
      else word += c;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c === '\\' && i + 1 < command.length) word += command[++i];
      else word += c;
    }
  }
  if (quote !== undefined) throw new UsageError(`--client-cmd: the ${quote} quote is not closed`);
  if (inWord) words.push(word);
  if (words.length === 0) throw new UsageError('--client-cmd: empty command');
  return words;
}

/** `{host}` and `{port}` filled in every word; a command without `{port}` cannot find the server. */
export function fillCommand(words: readonly string[], host: string, port: number): string[] {
  if (!words.some((w) => w.includes('{port}'))) {
    throw new UsageError('--client-cmd: the command must contain {port} (and usually {host})');
  }
  return words.map((w) => w.replaceAll('{host}', host).replaceAll('{port}', String(port)));
}

/** How one run of the client went. */
export interface ClientRun {
  argv: string[];
  /** Exit code, or null when it ended by a signal (or never started). */
  exitCode: number | null;
  signal: string | null;
  /** It ran past the time limit and was killed. */
  timedOut: boolean;
  /** It could not be started at all (no such program). */
  startError?: string;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Output kept per stream. */
const OUTPUT_CAP = 64 * 1024;

/**
 * Runs `argv` once, killing it (and its process group) after `timeoutMs`. Never rejects.
 */
export function runClientCommand(argv: readonly string[], timeoutMs: number): Promise<ClientRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const [program, ...args] = argv;
    const out = { stdout: '', stderr: '' };
    let timedOut = false;
    let settled = false;
    const finish = (exitCode: number | null, signal: string | null, startError?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        argv: [...argv],
        exitCode,
        signal,
        timedOut,
        ...(startError === undefined ? {} : { startError }),
        ...out,
        durationMs: Math.round(performance.now() - started),
      });
    };
    // Its own process group, so a timeout ends what it started too (and nothing else).
    const child = spawn(program as string, args, {
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      if (out[stream].length < OUTPUT_CAP)
        out[stream] += chunk.toString('utf8').slice(0, OUTPUT_CAP - out[stream].length);
    };
    child.stdout.on('data', keep('stdout'));
    child.stderr.on('data', keep('stderr'));
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
    }, timeoutMs);
    child.on('error', (err) => finish(null, null, err.message));
    child.on('close', (code, signal) => finish(code, signal));
  });
}
