/**
 * Waits on the connection itself rather than on a reply: for the server to close, and for
 * the server to stay silent. Both end in a typed error recorded in the transcript.
 */
import { type SmtpHarnessError, TimeoutError } from '../errors.ts';
import { UnexpectedReplyError } from './errors.ts';
import type { InboundEnd } from './inbox.ts';
import type { Link } from './link.ts';
import { recordError } from './record.ts';

/**
 * Resolves when the server closes (`'server'`) or resets (`'reset'`) the connection within
 * `timeoutMs`. Replies arriving meanwhile, and unread ones, are dropped (the transcript
 * keeps them), so a server that talks instead of closing cannot stall the wait.
 */
export async function waitForClose(link: Link, timeoutMs: number): Promise<'server' | 'reset'> {
  link.discarding = true;
  try {
    const end = link.inbox.end ?? (await endWithin(link, timeoutMs));
    if (end.kind === 'closed') return 'server';
    if (end.kind === 'reset') return 'reset';
    throw recorded(link, link.inbox.endError('the close by the server'));
  } finally {
    link.discarding = false;
  }
}

function endWithin(link: Link, timeoutMs: number): Promise<InboundEnd> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(recorded(link, new TimeoutError('close by the server', timeoutMs)));
    }, timeoutMs);
    const stop = link.watchEnd(() => {
      const end = link.inbox.end;
      if (!end) return;
      clearTimeout(timer);
      stop();
      resolve(end);
    });
  });
}

/**
 * Resolves if no byte arrives for `ms` milliseconds. An unread reply already queued counts
 * as an answer. Rejects at once with UNEXPECTED_REPLY (carrying the bytes) when something
 * arrives, or with the end error when the connection ends; what arrived stays readable.
 */
export async function waitForSilence(link: Link, ms: number): Promise<void> {
  const { inbox } = link;
  const queued = inbox.peek();
  if (queued) {
    const raw = queued.kind === 'reply' ? queued.reply.raw : queued.line;
    throw recorded(link, new UnexpectedReplyError(`before a ${ms} ms wait for silence`, raw));
  }
  const before = `the end of a ${ms} ms wait for silence`;
  if (inbox.end) throw recorded(link, inbox.endError(before));
  await new Promise<void>((resolve, reject) => {
    const done = (err?: SmtpHarnessError) => {
      clearTimeout(timer);
      stopData();
      stopEnd();
      if (err) reject(recorded(link, err));
      else resolve();
    };
    const timer = setTimeout(() => done(), ms);
    const stopData = link.watchData((chunk) =>
      done(new UnexpectedReplyError(`during a ${ms} ms wait for silence`, chunk)),
    );
    const stopEnd = link.watchEnd(() => done(inbox.endError(before)));
  });
}

/**
 * Whether the server ends the connection within `ms`: `'closed'` or `'reset'` when it
 * does, undefined when bytes come first (they stay readable) or the time runs out. Unlike
 * {@link waitForClose}, nothing is dropped and nothing is an error: a prober's question.
 */
export async function endsWithin(link: Link, ms: number): Promise<'closed' | 'reset' | undefined> {
  const kindOf = () => {
    const end = link.inbox.end;
    return end?.kind === 'closed' || end?.kind === 'reset' ? end.kind : undefined;
  };
  if (link.inbox.end) return kindOf();
  if (link.inbox.peek()) return undefined;
  return new Promise((resolve) => {
    const done = (value: 'closed' | 'reset' | undefined) => {
      clearTimeout(timer);
      stopData();
      stopEnd();
      resolve(value);
    };
    const timer = setTimeout(() => done(undefined), ms);
    const stopData = link.watchData(() => done(undefined));
    const stopEnd = link.watchEnd(() => done(kindOf()));
  });
}

function recorded<E extends SmtpHarnessError>(link: Link, err: E): E {
  recordError(link.transcript, err);
  return err;
}
