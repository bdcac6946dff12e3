// Why this test? It is the proof that the client, codec and transcript work against a
// real, third-party MTA (Debian's Postfix 3.7 in a container), not only against servers
// we wrote ourselves. Where CI expects Docker (SMTPSPEC_REQUIRE_DOCKER=1) it must fail,
// never skip, when Docker is missing.
import { expect, it } from 'vitest';
import { renderTranscript } from '../transcript/index.ts';
import { POSTFIX_FIXTURE } from './debian-mta.ts';
import { describeDebianMta } from './testing/debian-mta-tests.ts';

await describeDebianMta(POSTFIX_FIXTURE, (context) => {
  it('records every client write and every reply line of a transaction in the transcript', async () => {
    const session = await context.session('transaction');
    expect((await session.command('MAIL FROM:<sender@client.smtpspec.test>')).code).toBe(250);
    expect((await session.command(`RCPT TO:<alice@${POSTFIX_FIXTURE.domain}>`)).code).toBe(250);
    expect((await session.command('DATA')).code).toBe(354);
    await session.sendMessage(Buffer.from('Subject: t\r\n\r\n.dot\r\n.\r\nend\r\n', 'latin1'));
    expect((await session.readReply({ what: 'reply to end of data' })).code).toBe(250);
    expect((await session.command('QUIT')).code).toBe(221);
    expect(await session.expectClose({ timeoutMs: 5_000 })).toBe('server');

    const text = renderTranscript(session.transcript);
    // Every client write is its own line; the stuffed lines cross the wire with an extra dot.
    expect(text).toMatch(/\] C: EHLO client\.smtpspec\.test\\r\\n\n/);
    expect(text).toMatch(/\] S: 250-PIPELINING\\r\\n\n/);
    expect(text).toContain('\\r\\n..dot\\r\\n..\\r\\nend\\r\\n.\\r\\n');
    expect(text).toMatch(/close by server\n$/);
  }, 30_000);

  it('refuses to relay with 554 5.7.1, its default relay_domains_reject_code', async () => {
    const session = await context.session('relay');
    expect((await session.command('MAIL FROM:<sender@client.smtpspec.test>')).code).toBe(250);
    const relay = await session.command('RCPT TO:<victim@foreign.smtpspec.example>');
    expect(relay.code).toBe(554);
    expect(relay.enhanced?.text).toBe('5.7.1');
    await session.command('QUIT');
    await session.close();
    expect(renderTranscript(session.transcript)).toMatch(
      /S: 554 5\.7\.1 <victim@foreign\.smtpspec\.example>: Relay access denied\\r\\n/,
    );
  }, 30_000);
});
