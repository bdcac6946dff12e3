/**
 * The capability probe made once at run start: greeting and EHLO on a first connection.
 * It fills RunReport.target and the keywords preconditions are checked against.
 */
import { SmtpClientSession } from '../client/session.ts';
import type { TargetInfo } from '../scenario/results.ts';
import { describeKeywords, parseEhloReply } from '../wire/ehlo.ts';
import type { Reply } from '../wire/reply.ts';
import { visibleBytes } from '../wire/visible.ts';
import { ehloDomainOf } from './recipient-discovery.ts';
import type { TargetAddress } from './target.ts';

/** What the capability probe learnt. */
export interface ProbeResult {
  target: TargetInfo;
  /** Advertised EHLO keywords, upper case. */
  keywords: Set<string>;
  /** Notes for the console, e.g. why no keywords are known. */
  notes: string[];
  /** The domain the EHLO reply names (RFC 5321 §4.1.1.1), when EHLO was accepted. */
  ehloDomain?: string;
}

/** How to probe: the address to report, TLS, EHLO name and timeout. */
export interface ProbeOptions {
  address: string;
  tls: 'none' | 'implicit';
  helo: string;
  timeoutMs: number;
}

/** First line of a reply as received, terminator removed, made visible. */
function firstLine(reply: Reply): string {
  const lf = reply.raw.indexOf(0x0a);
  const line = reply.raw.subarray(0, lf === -1 ? reply.raw.length : lf);
  return visibleBytes(line.at(-1) === 0x0d ? line.subarray(0, -1) : line);
}

/**
 * Probes the target. Rejects only when no connection can be made (the run then reports
 * every case as `error`); a broken greeting or EHLO just leaves fields empty.
 */
export async function probeTarget(
  target: TargetAddress,
  options: ProbeOptions,
): Promise<ProbeResult> {
  const session = await SmtpClientSession.connect({
    host: target.host,
    port: target.port,
    tls: options.tls,
    connectTimeoutMs: options.timeoutMs,
    replyTimeoutMs: options.timeoutMs,
    label: 'probe',
  });
  const result: ProbeResult = {
    target: { address: options.address, greeting: '', ehlo: [] },
    keywords: new Set(),
    notes: [],
  };
  try {
    const greeting = await session.readReply({ what: 'greeting' });
    result.target.greeting = firstLine(greeting);
    if (greeting.code !== 220) {
      result.notes.push(`the target greets with ${result.target.greeting}`);
      return result;
    }
    const ehlo = await session.command(`EHLO ${options.helo}`);
    if (ehlo.code !== 250) {
      result.notes.push(`the target refused EHLO: ${firstLine(ehlo)}; no extensions known`);
      return result;
    }
    const ehloDomain = ehloDomainOf(ehlo);
    if (ehloDomain !== undefined) result.ehloDomain = ehloDomain;
    const info = parseEhloReply(ehlo);
    result.target.ehlo = describeKeywords(info);
    result.keywords = new Set(info.keywords.keys());
    await session.command('QUIT').catch(() => undefined);
  } catch (err) {
    result.notes.push(`capability probe incomplete: ${(err as Error).message}`);
  } finally {
    await session.close().catch(() => undefined);
  }
  return result;
}
