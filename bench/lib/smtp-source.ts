/**
 * Postfix's load generator, smtp-source(1), run from a client container on the bench
 * network. One connection per message (smtp-source's default), `sessions` in parallel,
 * each waiting for the server's replies in lock step (it does not pipeline). Timed inside
 * the container, so `docker exec` overhead is not counted.
 */
import type { StartedTestContainer } from 'testcontainers';

/** Debian's postfix package installs it here; the smtpspec/postfix image has it. */
export const SMTP_SOURCE = '/usr/sbin/smtp-source';

export interface SmtpSourceRun {
  /** `host:port` as seen from the client container. */
  target: string;
  sessions: number;
  messages: number;
  /** Payload octets per message (`-l`), headers not included. */
  size: number;
  from: string;
  to: string;
  helo: string;
  /** Killed by `timeout(1)` after this many seconds. */
  timeoutS: number;
}

export interface SmtpSourceResult {
  elapsedMs: number;
  messagesPerSecond: number;
}

/** Runs smtp-source once; throws with its output when it fails or times out. */
export async function runSmtpSource(
  client: StartedTestContainer,
  run: SmtpSourceRun,
): Promise<SmtpSourceResult> {
  const argv = [
    SMTP_SOURCE,
    ...['-s', String(run.sessions), '-m', String(run.messages), '-l', String(run.size)],
    ...['-M', run.helo, '-f', run.from, '-t', run.to, run.target],
  ];
  // Quoting is not needed: every argument is a number, an address or host:port we built.
  const script =
    `s=$(date +%s%N); timeout ${run.timeoutS} ${argv.join(' ')}; rc=$?; ` +
    'e=$(date +%s%N); echo "elapsed_ns=$((e - s)) rc=$rc"';
  const result = await client.exec(['sh', '-c', script]);
  const m = /elapsed_ns=(\d+) rc=(\d+)/.exec(result.stdout);
  const rc = m?.[2] ?? 'unknown';
  if (m === null || rc !== '0') {
    const why = rc === '124' ? `timed out after ${run.timeoutS} s` : `exit status ${rc}`;
    throw new Error(`smtp-source against ${run.target} ${why}: ${result.output.slice(-400)}`);
  }
  const elapsedMs = Number(m[1]) / 1e6;
  return { elapsedMs, messagesPerSecond: (run.messages * 1000) / elapsedMs };
}
