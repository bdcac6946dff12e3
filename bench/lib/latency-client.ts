/**
 * Transaction latency, measured with the harness client (smtp-source prints no per-message
 * timing). `sessions` connections in parallel, each sending `transactionsPerSession`
 * messages one after the other on the same connection, in lock step. One sample is the
 * time from sending MAIL FROM to reading the reply to the end of data: four round trips
 * and whatever the server does before it may say 250 (for a durable queue, the fsyncs).
 */
import { SmtpClientSession } from '../../harness/client/index.ts';
import { describeError } from '../../harness/errors.ts';

export interface LatencyRun {
  host: string;
  port: number;
  sessions: number;
  transactionsPerSession: number;
  helo: string;
  from: string;
  to: string;
  content: Buffer;
  replyTimeoutMs: number;
  /** No new transaction starts after this much time. */
  budgetMs: number;
}

export interface LatencyResult {
  latenciesMs: number[];
  elapsedMs: number;
  /** One line per session that stopped early. */
  failures: string[];
}

/** A message of `size` payload octets after a few header fields, lines of 76 characters. */
export function messageOf(size: number, subject: string): Buffer {
  const line = 'x'.repeat(74);
  const lines = [`Subject: ${subject}`, 'From: <sender@client.smtpspec.test>', ''];
  for (let n = 0; n < size; n += line.length + 2) lines.push(line);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

async function expectCode(session: SmtpClientSession, line: string, code: number) {
  const reply = await session.command(line);
  if (reply.code !== code) throw new Error(`${line.split(' ')[0]}: got ${reply.code}`);
}

async function oneSession(run: LatencyRun, deadline: number, out: number[]): Promise<void> {
  const session = await SmtpClientSession.connect({
    host: run.host,
    port: run.port,
    replyTimeoutMs: run.replyTimeoutMs,
  });
  try {
    if ((await session.readReply({ what: 'greeting' })).code !== 220) throw new Error('greeting');
    await expectCode(session, `EHLO ${run.helo}`, 250);
    for (let i = 0; i < run.transactionsPerSession && performance.now() < deadline; i++) {
      const started = performance.now();
      await expectCode(session, `MAIL FROM:<${run.from}>`, 250);
      await expectCode(session, `RCPT TO:<${run.to}>`, 250);
      await expectCode(session, 'DATA', 354);
      await session.sendMessage(run.content);
      const done = await session.readReply({ what: 'reply to end of data' });
      if (done.code !== 250) throw new Error(`end of data: got ${done.code}`);
      out.push(performance.now() - started);
    }
    await session.command('QUIT').catch(() => undefined);
  } finally {
    await session.close();
  }
}

/** Runs the sessions; a failing session is reported and the others go on. */
export async function measureLatency(run: LatencyRun): Promise<LatencyResult> {
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const deadline = started + run.budgetMs;
  await Promise.all(
    Array.from({ length: run.sessions }, (_, n) =>
      oneSession(run, deadline, latenciesMs).catch((err: unknown) => {
        failures.push(`session ${n}: ${describeError(err)}`);
      }),
    ),
  );
  return { latenciesMs, elapsedMs: performance.now() - started, failures };
}
