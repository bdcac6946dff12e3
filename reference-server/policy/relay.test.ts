// Why this test? An open relay is the worst bug an MTA can ship (RFC 5321 §7.1). Every
// address trick must end in a refusal from loopback, which is not a trusted network by default.
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/test-server.ts';

async function rcptReply(line: string, config = {}) {
  const t = await startTestServer(config);
  const client = await t.connectEhlo();
  await client.command('MAIL FROM:<s@client.example>');
  return client.command(line);
}

describe('relay policy', () => {
  it.each([
    ['RCPT TO:<victim@foreign.example>', 550, '5.7.1'],
    ['RCPT TO:<VICTIM@FOREIGN.EXAMPLE>', 550, '5.7.1'],
    ['RCPT TO:<postmaster@foreign.example>', 550, '5.7.1'],
    ['RCPT TO:<victim%foreign.example@smtpspec.test>', 550, '5.7.1'],
    ['RCPT TO:<foreign.example!victim@smtpspec.test>', 550, '5.7.1'],
    ['RCPT TO:<"victim@foreign.example"@smtpspec.test>', 550, '5.7.1'],
    ['RCPT TO:<"victim%foreign.example"@smtpspec.test>', 550, '5.7.1'],
    ['RCPT TO:<@smtpspec.test:victim@foreign.example>', 550, '5.7.1'],
    ['RCPT TO:<@smtpspec.test,@mx.smtpspec.test:victim@foreign.example>', 550, '5.7.1'],
    ['RCPT TO:<victim@[127.0.0.1]>', 550, '5.7.1'],
    ['RCPT TO:<victim@[IPv6:::1]>', 550, '5.7.1'],
    ['RCPT TO:<victim@smtpspec.test.foreign.example>', 550, '5.7.1'],
    // Syntax errors, not relay: RFC 5321 §4.1.2 allows no trailing dot or empty label.
    ['RCPT TO:<victim@foreign.example.>', 553, '5.1.3'],
    ['RCPT TO:<victim@smtpspec.test.>', 553, '5.1.3'],
    ['RCPT TO:<victim@foreign..example>', 553, '5.1.3'],
    ['RCPT TO:<victim>', 553, '5.1.3'],
    // Our own domain, unknown user.
    ['RCPT TO:<victim@smtpspec.test>', 550, '5.1.1'],
  ])('%s -> %i %s', async (line, code, enhanced) => {
    const reply = await rcptReply(line);
    expect(reply.code).toBe(code);
    expect(reply.enhanced?.text).toBe(enhanced);
  });

  it.each([
    ['RCPT TO:<alice@smtpspec.test>'],
    ['RCPT TO:<Alice@SMTPSpec.Test>'],
    ['RCPT TO:<@foreign.example:alice@smtpspec.test>'],
    ['RCPT TO:<Postmaster>'],
    ['RCPT TO:<postmaster@smtpspec.test>'],
    ['RCPT TO:<PostMaster@smtpspec.test>'],
  ])('%s is accepted', async (line) => {
    expect((await rcptReply(line)).code).toBe(250);
  });

  it('relays for a configured relay domain from anyone, and for nothing else', async () => {
    const config = { relay: { domains: ['relay.test'] } };
    expect((await rcptReply('RCPT TO:<Rcpt@Relay.Test>', config)).code).toBe(250);
    expect((await rcptReply('RCPT TO:<x@sub.relay.test>', config)).code).toBe(550);
    expect((await rcptReply('RCPT TO:<victim%foreign.example@relay.test>', config)).code).toBe(250);
    expect((await rcptReply('RCPT TO:<victim@foreign.example>', config)).code).toBe(550);
  });

  it('treats a configured address literal as local', async () => {
    const config = { localDomains: ['smtpspec.test', '[127.0.0.1]'] };
    expect((await rcptReply('RCPT TO:<alice@[127.0.0.1]>', config)).code).toBe(250);
    expect((await rcptReply('RCPT TO:<postmaster@[127.0.0.1]>', config)).code).toBe(250);
  });

  it('relays for configured client networks, and still refuses routing tricks', async () => {
    const config = { relay: { clientNetworks: ['127.0.0.0/8'] } };
    expect((await rcptReply('RCPT TO:<friend@foreign.example>', config)).code).toBe(250);
    expect((await rcptReply('RCPT TO:<friend%foreign.example@smtpspec.test>', config)).code).toBe(
      550,
    );
  });

  it('lets an onRelay hook decide', async () => {
    const t = await startTestServer(
      {},
      {
        onRelay: async () => ({
          kind: 'tempfail',
          code: 450,
          enhanced: '4.7.1',
          text: 'Try later',
        }),
      },
    );
    const client = await t.connectEhlo();
    await client.command('MAIL FROM:<s@client.example>');
    const reply = await client.command('RCPT TO:<friend@foreign.example>');
    expect(reply.code).toBe(450);
    expect(reply.lines[0]).toBe('4.7.1 Try later');
    expect((await client.command('RCPT TO:<alice@smtpspec.test>')).code).toBe(250);
  });

  it.each([
    [
      'throws',
      { onMailFrom: async () => Promise.reject(new Error('hook bug')) },
      'MAIL FROM:<s@client.example>',
    ],
    [
      'returns a malformed decision',
      {
        onRcptTo: async () =>
          ({ kind: 'reject', code: 250, enhanced: '2.0.0', text: 'no' }) as const,
      },
      'RCPT TO:<alice@smtpspec.test>',
    ],
  ])('answers 451 4.3.0 when a hook %s', async (_what, hooks, line) => {
    const t = await startTestServer({}, hooks);
    const client = await t.connectEhlo();
    if (line.startsWith('RCPT'))
      expect((await client.command('MAIL FROM:<s@client.example>')).code).toBe(250);
    const reply = await client.command(line);
    expect(reply.code).toBe(451);
    expect(reply.enhanced?.text).toBe('4.3.0');
  });
});
