// Why this test? The latency figures of bench/mta-load.ts come from this client; it must
// count one sample per accepted transaction and report, not hide, a session that fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningReferenceServer,
  startReferenceServer,
} from '../../reference-server/server.ts';
import { type LatencyRun, measureLatency, messageOf } from './latency-client.ts';

describe('measureLatency against the in-process reference MTA', () => {
  let server: RunningReferenceServer;

  beforeAll(async () => {
    server = await startReferenceServer({ config: { listen: { host: '127.0.0.1', port: 0 } } });
  });
  afterAll(async () => {
    await server?.stop({ graceMs: 500 });
  });

  const run = (over: Partial<LatencyRun>): LatencyRun => ({
    host: server.address.host,
    port: server.address.port,
    sessions: 2,
    transactionsPerSession: 3,
    helo: 'client.smtpspec.test',
    from: 'sender@client.smtpspec.test',
    to: 'alice@smtpspec.test',
    content: messageOf(500, 'latency test'),
    replyTimeoutMs: 5_000,
    budgetMs: 10_000,
    ...over,
  });

  it('takes one sample per accepted transaction', async () => {
    const result = await measureLatency(run({}));
    expect(result.failures).toEqual([]);
    expect(result.latenciesMs).toHaveLength(6);
    for (const ms of result.latenciesMs) expect(ms).toBeGreaterThan(0);
  });

  it('reports a session whose recipient is refused', async () => {
    const result = await measureLatency(run({ sessions: 1, to: 'nobody@smtpspec.test' }));
    expect(result.latenciesMs).toEqual([]);
    expect(result.failures).toEqual([expect.stringMatching(/^session 0: RCPT: got 55\d$/)]);
  });
});

describe('messageOf', () => {
  it('builds CRLF lines of at most 76 characters with at least `size` payload octets', () => {
    const text = messageOf(1000, 'subject').toString('latin1');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    const body = text.slice(text.indexOf('\r\n\r\n') + 4);
    expect(body.length).toBeGreaterThanOrEqual(1000);
  });
});
