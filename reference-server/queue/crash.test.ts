import { type ChildProcess, spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SmtpClientSession } from '../../harness/client/session.ts';
import { resolveConfig } from '../config.ts';
import { createQueue } from './queue.ts';
import { crashConfigInput } from './testing/crash-config.ts';
import { readMaildir, tempDataDir } from './testing/fixtures.ts';

const CHILD = fileURLToPath(new URL('./testing/crash-child.ts', import.meta.url));
const TOTAL = 1000;
const CONNECTIONS = 2;

/** Starts the child MTA and resolves with its port once it prints `LISTEN <port>`. */
function startChild(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => {
    child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`child did not listen within 20 s: ${err}`)),
      20_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-2000);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /LISTEN (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited with ${code} before listening: ${err}`));
    });
  });
}

function messageFor(seq: number): Buffer {
  // Leading dots, 8-bit octets: the content must arrive as it left.
  return Buffer.from(
    `Subject: crash test ${seq}\r\nX-Seq: ${seq}\r\n\r\n.line ${seq}\r\n\xe9\r\n`,
    'latin1',
  );
}

/**
 * Sends messages `seqs` over one session until the connection dies; records each 250.
 * `onAck` may kill the server.
 */
async function sendAll(
  port: number,
  seqs: number[],
  onAck: (seq: number, queueId: string) => void,
): Promise<void> {
  let client: SmtpClientSession;
  try {
    client = await SmtpClientSession.connect({ host: '127.0.0.1', port, replyTimeoutMs: 10_000 });
  } catch {
    return; // killed before this connection opened
  }
  onTestFinished(() => client.close());
  try {
    if ((await client.readReply({ what: 'greeting' })).code !== 220) return;
    await client.command('EHLO client.test');
    for (const seq of seqs) {
      const replies = await client.pipeline([
        'MAIL FROM:<alice@a.test> BODY=8BITMIME',
        'RCPT TO:<bob@a.test>',
        'DATA',
      ]);
      if (replies[2]?.code !== 354) throw new Error(`DATA got ${replies[2]?.code}`);
      await client.sendMessage(messageFor(seq));
      const reply = await client.readReply({ what: 'reply to end of data' });
      const queueId = /queued as (\S+)/.exec(reply.lines[0] ?? '')?.[1];
      if (reply.code === 250 && queueId) onAck(seq, queueId);
    }
  } catch {
    // The server was killed mid-transaction: that transaction was never acknowledged.
  } finally {
    await client.close();
  }
}

describe('crash safety (RFC 5321 §6.1)', () => {
  it('loses and duplicates no acknowledged message when the MTA is killed -9 under load', async () => {
    const dataDir = await tempDataDir();
    const { child, port } = await startChild(dataDir);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const killAfter = 200 + Math.floor(Math.random() * 400);
    const acked = new Map<number, string>();
    const onAck = (seq: number, queueId: string) => {
      acked.set(seq, queueId);
      if (acked.size === killAfter) child.kill('SIGKILL');
    };
    const seqs = Array.from({ length: TOTAL }, (_, i) => i);
    await Promise.all(
      Array.from({ length: CONNECTIONS }, (_, c) =>
        sendAll(
          port,
          seqs.filter((s) => s % CONNECTIONS === c),
          onAck,
        ),
      ),
    );
    await exited;
    expect(acked.size).toBeGreaterThanOrEqual(killAfter);
    expect(acked.size).toBeLessThan(TOTAL);

    // Restart on the same spool, delivery only, and let it drain.
    const queue = createQueue(resolveConfig(crashConfigInput(dataDir)));
    const recovery = await queue.start();
    onTestFinished(() => queue.stop());
    await queue.whenIdle(60_000);
    expect(recovery.quarantined).toEqual([]);

    const delivered = new Map<number, number>();
    for (const file of await readMaildir(dataDir, 'a.test', 'bob')) {
      const seq = Number(/X-Seq: (\d+)/.exec(file.content.toString('latin1'))?.[1]);
      expect(
        file.content.subarray(file.content.indexOf('Received:')).includes(messageFor(seq)),
      ).toBe(true);
      delivered.set(seq, (delivered.get(seq) ?? 0) + 1);
    }
    const missing = [...acked.keys()].filter((seq) => !delivered.has(seq));
    const duplicated = [...delivered].filter(([, n]) => n > 1).map(([seq]) => seq);
    expect({ missing, duplicated }).toEqual({ missing: [], duplicated: [] });
    // At most the transaction in flight on each connection was spooled without its 250.
    const unacked = [...delivered.keys()].filter((seq) => !acked.has(seq));
    expect(unacked.length).toBeLessThanOrEqual(CONNECTIONS);
    const spool = await Promise.all(
      ['queue', 'tmp'].map((d) => readdir(join(dataDir, 'spool', d))),
    );
    expect(spool.flat()).toEqual([]);
  }, 120_000);
});
