/**
 * A small SMTP client for the tests of `smtpspec serve-cases`, driving the harness's own
 * client session: `node test-client.ts HOST PORT [DEFECT]`. Without a defect it does what
 * RFC 5321 asks of a client (EHLO then HELO on 500/502, STARTTLS when offered, parameters
 * only of offered extensions, pipelining only where offered, data only after 354, every
 * reply read by its first digit, QUIT at the end), so it passes every client case. With a
 * defect it breaks one rule, which a named client case must catch (serve-cases.test.ts).
 * Exit status: 0 the message was accepted, 75 a temporary failure, 1 a refusal.
 */
import { SmtpClientSession } from '../../client/session.ts';
import { parseEhloReply } from '../../wire/ehlo.ts';
import type { Reply } from '../../wire/reply.ts';

/** The defects this client can have, one at a time. */
export const TEST_CLIENT_DEFECTS = [
  'talks-before-greeting',
  'helo-first',
  'no-helo-fallback',
  'no-quit-after-554',
  'pipelines-always',
  'size-always',
  'data-after-refused-rcpt',
  'no-dot-stuffing',
  'bare-lf',
  'no-quit',
  'takes-injected-reply',
  'exact-250-only',
  'needs-reply-text',
  'one-line-greeting-only',
] as const;

export type TestClientDefect = (typeof TEST_CLIENT_DEFECTS)[number];

const HELO = 'client.smtpspec.test';
const FROM = 'sender@client.smtpspec.test';
const RCPT = 'rcpt@serve.smtpspec.test';
/** A message with a line "." and lines starting with ".", so dot-stuffing shows. */
const MESSAGE =
  'From: <sender@client.smtpspec.test>\r\nTo: <rcpt@serve.smtpspec.test>\r\n' +
  'Subject: smtpspec test client\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\n' +
  'Message-ID: <test-client@client.smtpspec.test>\r\n\r\n' +
  'A line with a single dot follows.\r\n.\r\n.leading dot\r\n..two dots\r\nend\r\n';
/** RFC 5321 §4.5.3.2: a client waits minutes, not seconds, for a reply. */
const REPLY_TIMEOUT_MS = 300_000;

class Refused extends Error {
  readonly status: number;
  constructor(reply: Reply, what: string) {
    super(`${what}: ${reply.code} ${reply.lines.join(' / ')}`);
    this.status = reply.code >= 500 ? 1 : 75;
  }
}

/** RFC 5321 §4.2: a reply is judged by its first digit (2 success, 3 go on, 4/5 failure). */
function ok(reply: Reply, defect: TestClientDefect | undefined): boolean {
  if (defect === 'exact-250-only') return reply.code === 250;
  if (defect === 'needs-reply-text' && reply.lines.every((l) => l.trim() === '')) return false;
  return reply.code >= 200 && reply.code < 300;
}

async function run(
  host: string,
  port: number,
  defect: TestClientDefect | undefined,
): Promise<number> {
  const c = await SmtpClientSession.connect({ host, port, replyTimeoutMs: REPLY_TIMEOUT_MS });
  let quit = defect !== 'no-quit';
  try {
    if (defect === 'talks-before-greeting') await c.sendLine(`EHLO ${HELO}`);
    const greeting = await c.readReply({ what: 'greeting' });
    if (defect === 'one-line-greeting-only' && greeting.lines.length > 1) return 1;
    if (greeting.code !== 220) {
      if (defect === 'no-quit-after-554') quit = false;
      return greeting.code >= 500 ? 1 : 75;
    }
    let keywords = await hello(c, defect, defect === 'talks-before-greeting');
    if (keywords.has('STARTTLS')) {
      const started = await c.startTls();
      if (started.tls !== undefined) {
        if (defect === 'takes-injected-reply') {
          // As if the reply injected before the handshake answered this EHLO: runs ahead.
          await c.sendLine(`EHLO ${HELO}`);
          await c.sendLine(`MAIL FROM:<${FROM}>`);
          await c.readReply();
          await c.readReply();
          keywords = new Set();
          return await transaction(c, keywords, defect, true);
        }
        keywords = await hello(c, defect, false);
      }
    }
    return await transaction(c, keywords, defect, false);
  } catch (err) {
    return err instanceof Refused ? err.status : 75;
  } finally {
    if (quit && !c.isClosed) await c.command('QUIT', { timeoutMs: 10_000 }).catch(() => undefined);
    await c.close();
  }
}

/** EHLO, and HELO when EHLO is not recognized (RFC 5321 §3.2); the offered keywords. */
async function hello(
  c: SmtpClientSession,
  defect: TestClientDefect | undefined,
  alreadySent: boolean,
): Promise<Set<string>> {
  if (defect === 'helo-first') {
    const reply = await c.command(`HELO ${HELO}`);
    if (!ok(reply, defect)) throw new Refused(reply, 'HELO');
    return new Set();
  }
  const ehlo = alreadySent ? await c.readReply() : await c.command(`EHLO ${HELO}`);
  if (ok(ehlo, defect)) return new Set(parseEhloReply(ehlo).keywords.keys());
  if ((ehlo.code === 500 || ehlo.code === 502) && defect !== 'no-helo-fallback') {
    const helo = await c.command(`HELO ${HELO}`);
    if (!ok(helo, defect)) throw new Refused(helo, 'HELO');
    return new Set();
  }
  throw new Refused(ehlo, 'EHLO');
}

/** MAIL, RCPT, DATA and the message; pipelined where offered (RFC 2920). */
async function transaction(
  c: SmtpClientSession,
  keywords: ReadonlySet<string>,
  defect: TestClientDefect | undefined,
  mailSent: boolean,
): Promise<number> {
  const params = keywords.has('SIZE') || defect === 'size-always' ? ` SIZE=${MESSAGE.length}` : '';
  const mail = `MAIL FROM:<${FROM}>${params}`;
  const rcpt = `RCPT TO:<${RCPT}>`;
  let replies: Reply[];
  if (mailSent) replies = [await c.command(rcpt)];
  else if (keywords.has('PIPELINING') || defect === 'pipelines-always')
    replies = await c.pipeline([mail, rcpt]);
  else replies = [await c.command(mail), await c.command(rcpt)];
  const [mailReply, rcptReply] = mailSent ? [undefined, replies[0]] : replies;
  if (mailReply !== undefined && !ok(mailReply, defect)) throw new Refused(mailReply, 'MAIL');
  // RFC 5321 §3.3: no data without an accepted recipient.
  if (rcptReply === undefined || (!ok(rcptReply, defect) && defect !== 'data-after-refused-rcpt')) {
    if (rcptReply !== undefined) throw new Refused(rcptReply, 'RCPT');
    return 1;
  }
  const data = await c.command('DATA');
  const content = Buffer.from(
    defect === 'bare-lf' ? MESSAGE.replace('end\r\n', 'end\nafter a bare LF\r\n') : MESSAGE,
    'latin1',
  );
  if (data.code !== 354 && defect !== 'data-after-refused-rcpt') throw new Refused(data, 'DATA');
  if (defect === 'no-dot-stuffing' || (data.code !== 354 && defect === 'data-after-refused-rcpt')) {
    await c.sendRaw(Buffer.concat([content, Buffer.from('.\r\n', 'latin1')]));
  } else {
    await c.sendMessage(content);
  }
  const end = await c.readReply({ what: 'reply to the end of data' });
  if (!ok(end, defect)) throw new Refused(end, 'end of data');
  return 0;
}

if (import.meta.main) {
  const [host = '', portText = '', defect] = process.argv.slice(2);
  if (defect !== undefined && !(TEST_CLIENT_DEFECTS as readonly string[]).includes(defect)) {
    process.stderr.write(`test-client: unknown defect '${defect}'\n`);
    process.exit(2);
  }
  process.exitCode = await run(host, Number(portText), defect as TestClientDefect | undefined);
}
