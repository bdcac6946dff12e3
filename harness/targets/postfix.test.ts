// Why this test? It is the proof that the client, codec and transcript work against a
// real, third-party MTA (Debian's Postfix 3.7 in a container), not only against servers
// we wrote ourselves. Where CI expects Docker (SMTPSPEC_REQUIRE_DOCKER=1) it must fail,
// never skip, when Docker is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpClientSession } from '../client/index.ts';
import { renderTranscript, Transcript } from '../transcript/index.ts';
import { dockerAvailability, dockerRequired } from './docker-available.ts';
import { POSTFIX_DOMAIN, postfixContainer } from './postfix.ts';
import type { StartedSmtpContainer } from './smtp-container.ts';

const docker = await dockerAvailability();
const runContainerTests = docker.available || dockerRequired;

describe.runIf(runContainerTests)('Postfix 3.7 in a container', () => {
  let postfix: StartedSmtpContainer;

  beforeAll(async () => {
    if (!docker.available) {
      throw new Error(`Docker is required here (SMTPSPEC_REQUIRE_DOCKER=1) but: ${docker.reason}`);
    }
    postfix = await (await postfixContainer()).start();
  }, 300_000);

  afterAll(async () => {
    await postfix?.stop();
  });

  async function connect(label: string): Promise<SmtpClientSession> {
    return SmtpClientSession.connect({
      host: postfix.getSmtpHost(),
      port: postfix.getSmtpPort(),
      replyTimeoutMs: 10_000,
      transcript: new Transcript({ label }),
    });
  }

  it('runs a whole transaction with dot-stuffed lines and delivers them unstuffed', async () => {
    const session = await connect('postfix/transaction');
    const greeting = await session.readReply({ what: 'greeting' });
    expect(greeting.code).toBe(220);
    const ehlo = await session.command('EHLO client.smtpspec.test');
    expect(ehlo.code).toBe(250);
    expect(ehlo.lines.slice(1)).toContain('PIPELINING');
    expect((await session.command('MAIL FROM:<sender@client.smtpspec.test>')).code).toBe(250);
    expect((await session.command(`RCPT TO:<alice@${POSTFIX_DOMAIN}>`)).code).toBe(250);
    expect((await session.command(`RCPT TO:<bob@${POSTFIX_DOMAIN}>`)).code).toBe(250);
    expect((await session.command('DATA')).code).toBe(354);
    const marker = `smtpspec-${Date.now()}`;
    const content = [
      'From: sender@client.smtpspec.test',
      `Subject: ${marker}`,
      '',
      '.a line that starts with a dot',
      '..two dots',
      '.',
      'last line',
      '',
    ].join('\r\n');
    await session.sendMessage(Buffer.from(content, 'latin1'));
    const accepted = await session.readReply({ what: 'reply to end of data' });
    expect(accepted.code).toBe(250);
    expect((await session.command('QUIT')).code).toBe(221);
    expect(await session.expectClose({ timeoutMs: 5_000 })).toBe('server');

    const text = renderTranscript(session.transcript);
    // Every client write is its own line; the stuffed lines cross the wire with an extra dot.
    expect(text).toMatch(/\] C: EHLO client\.smtpspec\.test\\r\\n\n/);
    expect(text).toContain('C: ');
    expect(text).toContain('...two dots\\r\\n');
    expect(text).toContain('..\\r\\n');
    expect(text).toMatch(/close by server\n$/);

    const mailbox = await waitForMail(postfix, 'alice', marker);
    // Postfix unstuffs on receipt: the stored body has the original single dots.
    expect(mailbox).toContain('\n.a line that starts with a dot\n');
    expect(mailbox).toContain('\n..two dots\n');
    expect(mailbox).toContain('\n.\nlast line\n');
    expect(await waitForMail(postfix, 'bob', marker)).toContain(marker);
  }, 60_000);

  it('refuses to relay to a foreign domain from an untrusted client', async () => {
    const session = await connect('postfix/relay');
    expect((await session.readReply()).code).toBe(220);
    expect((await session.command('EHLO client.smtpspec.test')).code).toBe(250);
    expect((await session.command('MAIL FROM:<sender@client.smtpspec.test>')).code).toBe(250);
    const relay = await session.command('RCPT TO:<victim@foreign.smtpspec.example>');
    expect(relay.code).toBeGreaterThanOrEqual(500);
    expect(relay.code).toBeLessThan(600);
    expect(relay.enhanced?.text).toBe('5.7.1');
    await session.command('QUIT');
    await session.close();
    expect(renderTranscript(session.transcript)).toMatch(
      /S: 554 5\.7\.1 <victim@foreign\.smtpspec\.example>: Relay access denied\\r\\n/,
    );
  }, 30_000);
});

if (!runContainerTests) {
  describe('Postfix 3.7 in a container', () => {
    it.skip(`needs Docker (${docker.reason}); SMTPSPEC_REQUIRE_DOCKER=1 makes this a failure`, () => {});
  });
}

/** Polls the mbox of a local user until a message with `marker` arrives (bounded). */
async function waitForMail(
  container: StartedSmtpContainer,
  user: string,
  marker: string,
): Promise<string> {
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    const result = await container.exec(['cat', `/var/mail/${user}`]);
    last = result.output;
    if (result.exitCode === 0 && last.includes(marker)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no mail with ${marker} for ${user} within 20 s; mbox: ${last.slice(-300)}`);
}
