/**
 * The tests every Debian MTA fixture gets (postfix.test.ts, exim.test.ts,
 * opensmtpd.test.ts): the container starts and greets as its site, and it behaves as a
 * real site: its mailboxes and postmaster take mail, which is delivered with the
 * dot-stuffing undone, an unknown user is refused, relaying to a foreign domain is
 * refused, and STARTTLS does what the fixture says it does. Where CI expects Docker (SMTPSPEC_REQUIRE_DOCKER=1) they fail, never skip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpClientSession } from '../../client/index.ts';
import { ERROR_CODES } from '../../errors.ts';
import { renderTranscript, Transcript } from '../../transcript/index.ts';
import { type DebianMtaFixture, debianMtaContainer, readMailbox } from '../debian-mta.ts';
import { dockerAvailability, dockerRequired } from '../docker-available.ts';
import type { StartedSmtpContainer } from '../smtp-container.ts';

/** What a fixture's own extra tests get: the started container and a connected session. */
export interface DebianMtaContext {
  container(): StartedSmtpContainer;
  /** A session that has read the greeting and sent EHLO. */
  session(label: string): Promise<SmtpClientSession>;
}

const CLIENT = 'client.smtpspec.test';
const SENDER = `sender@${CLIENT}`;

/** Declares the shared tests of `fixture`; `extra` adds the fixture's own. */
export async function describeDebianMta(
  fixture: DebianMtaFixture,
  extra?: (context: DebianMtaContext) => void,
): Promise<void> {
  const docker = await dockerAvailability();
  const run = docker.available || dockerRequired;
  const title = `${fixture.product} in a container`;
  if (!run) {
    describe(title, () => {
      it.skip(`needs Docker (${docker.reason}); SMTPSPEC_REQUIRE_DOCKER=1 makes this a failure`, () => {});
    });
    return;
  }

  describe(title, () => {
    let started: StartedSmtpContainer | undefined;

    beforeAll(async () => {
      if (!docker.available) {
        throw new Error(
          `Docker is required here (SMTPSPEC_REQUIRE_DOCKER=1) but: ${docker.reason}`,
        );
      }
      started = await (await debianMtaContainer(fixture)).start();
    }, 300_000);

    afterAll(async () => {
      await started?.stop();
    });

    const context: DebianMtaContext = {
      container() {
        if (!started) throw new Error(`${fixture.name} container did not start`);
        return started;
      },
      async session(label) {
        const target = context.container();
        const session = await SmtpClientSession.connect({
          host: target.getSmtpHost(),
          port: target.getSmtpPort(),
          replyTimeoutMs: 10_000,
          transcript: new Transcript({ label: `${fixture.name}/${label}` }),
        });
        expect((await session.readReply({ what: 'greeting' })).code).toBe(220);
        expect((await session.command(`EHLO ${CLIENT}`)).code).toBe(250);
        return session;
      },
    };

    it('greets and answers EHLO as its site host, offering STARTTLS', async () => {
      const target = context.container();
      const session = await SmtpClientSession.connect({
        host: target.getSmtpHost(),
        port: target.getSmtpPort(),
        replyTimeoutMs: 10_000,
      });
      const greeting = await session.readReply({ what: 'greeting' });
      expect(greeting.code).toBe(220);
      // RFC 5321 §4.2, §4.3.1: the server's name is the first word after the code.
      expect(greeting.lines[0]?.split(' ')[0]).toBe(fixture.greetingHost);
      const ehlo = await session.command(`EHLO ${CLIENT}`);
      expect(ehlo.code).toBe(250);
      expect(ehlo.lines[0]?.split(' ')[0]).toBe(fixture.greetingHost);
      expect(ehlo.lines.slice(1)).toContain('STARTTLS');
      expect((await session.command('QUIT')).code).toBe(221);
      await session.close();
    }, 30_000);

    it('delivers a message for its mailboxes and postmaster, dot-stuffing undone', async () => {
      const session = await context.session('delivery');
      expect((await session.command(`MAIL FROM:<${SENDER}>`)).code).toBe(250);
      for (const user of [...fixture.mailboxes, 'postmaster']) {
        expect((await session.command(`RCPT TO:<${user}@${fixture.domain}>`)).code).toBe(250);
      }
      expect((await session.command('DATA')).code).toBe(354);
      const marker = `smtpspec-${Date.now()}`;
      const content = [
        `From: ${SENDER}`,
        `Subject: ${marker}`,
        '',
        '.a line that starts with a dot',
        '..two dots',
        '.',
        'last line',
        '',
      ].join('\r\n');
      await session.sendMessage(Buffer.from(content, 'latin1'));
      expect((await session.readReply({ what: 'reply to end of data' })).code).toBe(250);
      expect((await session.command('QUIT')).code).toBe(221);
      await session.close();

      for (const user of fixture.mailboxes) {
        const mailbox = (await waitForMail(context.container(), fixture, user, marker)).replace(
          /\r\n/g,
          '\n',
        );
        // The stored body has the original single dots: the server unstuffed on receipt.
        expect(mailbox).toContain('\n.a line that starts with a dot\n..two dots\n.\nlast line\n');
      }
    }, 60_000);

    it('refuses an unknown local user and relaying to a foreign domain', async () => {
      const session = await context.session('refusals');
      expect((await session.command(`MAIL FROM:<${SENDER}>`)).code).toBe(250);
      const unknown = await session.command(`RCPT TO:<nobody-here@${fixture.domain}>`);
      expect(Math.floor(unknown.code / 100)).toBe(5);
      const relay = await session.command('RCPT TO:<victim@foreign.smtpspec.example>');
      expect(Math.floor(relay.code / 100)).toBe(5);
      await session.command('QUIT');
      await session.close();
    }, 30_000);

    it(`STARTTLS: 220, then the TLS handshake ${fixture.tlsHandshake}`, async () => {
      const session = await context.session('starttls');
      if (fixture.tlsHandshake === 'fails') {
        const failure = await session.startTls().then(
          () => undefined,
          (err: unknown) => err,
        );
        // The 220 came (startTls only upgrades after a 220); the handshake after it failed.
        expect(failure).toMatchObject({ code: ERROR_CODES.tls });
        expect(renderTranscript(session.transcript)).toMatch(/S: 220 [^\n]*\n/);
        await session.close();
        return;
      }
      const { reply, tls } = await session.startTls();
      expect(reply.code).toBe(220);
      expect(tls?.protocol).toMatch(/^TLSv1\.[23]$/);
      const ehlo = await session.command(`EHLO ${CLIENT}`);
      expect(ehlo.code).toBe(250);
      // RFC 3207 §4.2: STARTTLS is not offered again once TLS is active.
      expect(ehlo.lines.slice(1)).not.toContain('STARTTLS');
      expect((await session.command('QUIT')).code).toBe(221);
      await session.close();
    }, 30_000);

    extra?.(context);
  });
}

/** Polls the user's mail until a message with `marker` arrives (bounded). */
export async function waitForMail(
  container: StartedSmtpContainer,
  fixture: DebianMtaFixture,
  user: string,
  marker: string,
  timeoutMs = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await readMailbox(container, fixture, user);
    if (last.includes(marker)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `no mail with ${marker} for ${user} within ${timeoutMs} ms; mailbox: ${last.slice(-300)}`,
  );
}
