import { describe, expect, it } from 'vitest';
import { countPostfixDeliveries, countReferenceDeliveries, LogCounter } from './log-counter.ts';

describe('delivery counting from logs', () => {
  it.each([
    ['{"level":"info","event":"queue.done","queueId":"q1","delivered":2,"failed":0}', 2],
    ['{"level":"info","event":"queue.deferred","queueId":"q1","delivered":1}', 1],
    ['{"level":"info","event":"queue.spooled","queueId":"q1","delivered":5}', 0],
    ['{"event":"queue.done", broken', 0],
    ['smtpspec reference MTA listening on 0.0.0.0:2525', 0],
  ])('reference MTA: %s counts %d', (line, n) => {
    expect(countReferenceDeliveries(line)).toBe(n);
  });

  it.each([
    [
      'postfix/local[90]: 4F1: to=<alice@postfix.smtpspec.test>, relay=local, delay=0.1, status=sent (delivered to mailbox)',
      1,
    ],
    ['postfix/smtpd[80]: connect from unknown[172.18.0.4]', 0],
    ['postfix/local[90]: 4F2: to=<bob@x>, status=bounced (unknown user)', 0],
  ])('Postfix: %s counts %d', (line, n) => {
    expect(countPostfixDeliveries(line)).toBe(n);
  });

  it('counts whole lines only, however the log is chunked', () => {
    const counter = new LogCounter(countPostfixDeliveries);
    counter.push('postfix/local[1]: A: status=sent (deliv');
    expect(counter.total).toBe(0);
    counter.push('ered to mailbox)\npostfix/local[1]: B: status=sent (delivered to mailbox)');
    expect(counter.total).toBe(1);
    counter.push('\r\n');
    expect(counter.total).toBe(2);
  });
});
