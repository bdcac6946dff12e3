import { describe, expect, it, vi } from 'vitest';
import { ERROR_CODES } from '../errors.ts';
import { ReplyOverflowError } from './errors.ts';
import { type InboundItem, Inbox } from './inbox.ts';

function malformed(text: string): InboundItem {
  return { kind: 'malformed', line: Buffer.from(text), reason: 'test' };
}

function flowLog() {
  const calls: string[] = [];
  return { calls, flow: { pause: () => calls.push('pause'), resume: () => calls.push('resume') } };
}

describe('Inbox', () => {
  it('pauses the socket when full and resumes once drained below the cap', () => {
    const { calls, flow } = flowLog();
    const inbox = new Inbox(flow, { maxItems: 2, maxOctets: 1000 });
    inbox.push(malformed('a'));
    expect(calls).toEqual([]);
    inbox.push(malformed('b'));
    inbox.push(malformed('c'));
    expect(calls).toEqual(['pause']);
    inbox.shift();
    expect(calls).toEqual(['pause']);
    inbox.shift();
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('pauses on the octet cap too', () => {
    const { calls, flow } = flowLog();
    const inbox = new Inbox(flow, { maxItems: 100, maxOctets: 5 });
    inbox.push(malformed('12345'));
    expect(calls).toEqual(['pause']);
  });

  it('hands queued items out before the end, then the end error', async () => {
    const inbox = new Inbox(flowLog().flow, { maxItems: 10, maxOctets: 1000 });
    inbox.push(malformed('late'));
    inbox.finish({ kind: 'closed' });
    expect(await inbox.take('reply', 1000)).toMatchObject({ kind: 'malformed' });
    await expect(inbox.take('reply to DATA', 1000)).rejects.toMatchObject({
      code: ERROR_CODES.closed,
      message: 'server closed the connection before the reply to DATA',
    });
  });

  it('reports a failure as itself once, then as a state error', async () => {
    const inbox = new Inbox(flowLog().flow, { maxItems: 10, maxOctets: 1000 });
    const pending = inbox.take('reply', 5000);
    inbox.finish({ kind: 'failed', error: new ReplyOverflowError('bytes', 10) });
    await expect(pending).rejects.toMatchObject({ code: ERROR_CODES.replyTooLarge });
    await expect(inbox.take('reply', 1000)).rejects.toMatchObject({
      code: ERROR_CODES.state,
      message: 'session failed earlier: server sent a reply of more than 10 octets',
    });
  });

  it('times out a waiting reader with a one-line message', async () => {
    const inbox = new Inbox(flowLog().flow, { maxItems: 10, maxOctets: 1000 });
    await expect(inbox.take('reply to RCPT', 20)).rejects.toMatchObject({
      code: ERROR_CODES.timeout,
      message: 'no reply to RCPT within 20 ms',
    });
  });

  // Why these tests? A server may slow each reply line down on purpose (an error tarpit):
  // with `maxMs` the wait must survive as long as bytes keep coming, and still end.
  it('with maxMs, keeps waiting while bytes arrive, then hands over the item', async () => {
    vi.useFakeTimers();
    try {
      const inbox = new Inbox(flowLog().flow, { maxItems: 10, maxOctets: 1000 });
      const pending = inbox.take('reply to EHLO', 100, 1000);
      for (let i = 0; i < 5; i++) {
        await vi.advanceTimersByTimeAsync(80);
        inbox.progress();
      }
      inbox.push(malformed('done'));
      expect(await pending).toMatchObject({ kind: 'malformed' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('with maxMs, still times out on silence, and at the deadline however bytes arrive', async () => {
    vi.useFakeTimers();
    try {
      const inbox = new Inbox(flowLog().flow, { maxItems: 10, maxOctets: 1000 });
      const silent = inbox.take('reply to EHLO', 100, 1000);
      const silentDone = expect(silent).rejects.toMatchObject({
        message: 'no reply to EHLO within 100 ms',
      });
      await vi.advanceTimersByTimeAsync(101);
      await silentDone;

      const dribbled = inbox.take('reply to EHLO', 100, 300);
      const dribbledDone = expect(dribbled).rejects.toMatchObject({
        code: ERROR_CODES.timeout,
        message: 'no reply to EHLO within 300 ms, though bytes kept arriving',
      });
      for (let i = 0; i < 10; i++) {
        await vi.advanceTimersByTimeAsync(50);
        inbox.progress();
      }
      await dribbledDone;
    } finally {
      vi.useRealTimers();
    }
  });

  it('without maxMs, progress does not extend the wait', async () => {
    vi.useFakeTimers();
    try {
      const inbox = new Inbox(flowLog().flow, { maxItems: 10, maxOctets: 1000 });
      const pending = inbox.take('reply', 100);
      const done = expect(pending).rejects.toMatchObject({ message: 'no reply within 100 ms' });
      await vi.advanceTimersByTimeAsync(60);
      inbox.progress();
      await vi.advanceTimersByTimeAsync(41);
      await done;
    } finally {
      vi.useRealTimers();
    }
  });
});
