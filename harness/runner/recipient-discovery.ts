/**
 * Which recipient an unknown server accepts, found at run start when the user gave no
 * `--rcpt`. RFC 5321 §4.5.1: "Any system that includes an SMTP server supporting mail
 * relaying or delivery MUST support the reserved mailbox "postmaster" as a case-insensitive
 * local name", and "the requirement to accept mail for postmaster implies that RCPT
 * commands that specify a mailbox for postmaster at any of the domains for which the SMTP
 * server provides mail service, as well as the special case of "RCPT TO:<Postmaster>" (with
 * no domain specification), MUST be supported". The server's mail domain is often not its
 * host name (`mx.example.test` serves `example.test`), so the candidates are postmaster at
 * each name the server gives and at their parent domains, then the bare `<Postmaster>`.
 */
import { SmtpClientSession } from '../client/session.ts';
import { describeError } from '../errors.ts';
import { type Reply, replyText } from '../wire/reply.ts';
import type { TargetAddress } from './target.ts';

/** What discovery found: the accepted recipient (if any) and one line saying how. */
export interface RecipientDiscovery {
  recipient?: {
    /** `postmaster@example.test`, or `Postmaster` (the bare form of §4.5.1). */
    mailbox: string;
    /** The domain postmaster was accepted at; undefined for the bare `<Postmaster>`. */
    domain: string | undefined;
  };
  /** One line for the console: what was tried and what was chosen, or why none was. */
  note: string;
}

/** How to reach the server and what to say before RCPT. */
export interface DiscoveryOptions {
  tls: 'none' | 'implicit';
  helo: string;
  from: string;
  timeoutMs: number;
}

const DOMAIN_NAME =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/**
 * Domains to try postmaster at: each name in turn, then its parent domains while they keep
 * two labels (`mx.mail.example.test` → `mail.example.test` → `example.test`), without
 * repeats. Address literals and single labels are left out: no mail domain is named there.
 */
export function candidateDomains(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (!DOMAIN_NAME.test(name)) continue;
    const labels = name.toLowerCase().split('.');
    for (let i = 0; labels.length - i >= 2; i++) {
      const domain = labels.slice(i).join('.');
      if (!out.includes(domain)) out.push(domain);
    }
  }
  return out;
}

/** The domain an EHLO reply's first line names (RFC 5321 §4.1.1.1: `250-Domain`). */
export function ehloDomainOf(reply: Reply): string | undefined {
  return /^(\S+)/.exec(reply.lines[0] ?? '')?.[1];
}

/** `550 5.7.1 Relaying denied` cut to one short line. */
function brief(reply: Reply): string {
  return replyText(reply, 60);
}

/**
 * Tries the candidates in one session (EHLO, MAIL, one RCPT each, RSET, QUIT); returns the
 * first accepted, or undefined with the reason in `note` when none was.
 */
export async function discoverRecipient(
  target: TargetAddress,
  names: readonly string[],
  options: DiscoveryOptions,
): Promise<RecipientDiscovery> {
  const candidates: [string, string | undefined][] = [
    ...candidateDomains(names).map((d): [string, string] => [`postmaster@${d}`, d]),
    ['Postmaster', undefined],
  ];
  const tried: string[] = [];
  let session: SmtpClientSession | undefined;
  try {
    session = await SmtpClientSession.connect({
      host: target.host,
      port: target.port,
      tls: options.tls,
      connectTimeoutMs: options.timeoutMs,
      replyTimeoutMs: options.timeoutMs,
      label: 'recipient discovery',
    });
    const greeting = await session.readReply({ what: 'greeting' });
    if (greeting.code !== 220) return { note: `recipient discovery: greeting ${brief(greeting)}` };
    const ehlo = await session.command(`EHLO ${options.helo}`);
    if (ehlo.code !== 250) await session.command(`HELO ${options.helo}`);
    const mail = await session.command(`MAIL FROM:<${options.from}>`);
    if (mail.code !== 250) {
      return { note: `recipient discovery: MAIL FROM:<${options.from}> refused: ${brief(mail)}` };
    }
    for (const [mailbox, domain] of candidates) {
      const rcpt = await session.command(`RCPT TO:<${mailbox}>`);
      if (rcpt.code === 250 || rcpt.code === 251) {
        const before = tried.length > 0 ? ` after ${tried.join(', ')}` : '';
        return {
          recipient: { mailbox, domain },
          note: `no --rcpt given: using ${mailbox}, which the server accepted${before} (RFC 5321 §4.5.1: every server accepts postmaster)`,
        };
      }
      tried.push(`${mailbox} (${brief(rcpt)})`);
    }
    return { note: `recipient discovery: the server refused ${tried.join(', ')}` };
  } catch (err) {
    return { note: `recipient discovery failed: ${describeError(err)}` };
  } finally {
    if (session) {
      await session.command('RSET').catch(() => undefined);
      await session.command('QUIT').catch(() => undefined);
      await session.close().catch(() => undefined);
    }
  }
}
