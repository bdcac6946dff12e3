// Why this test? The reply to every verb in every state must come from the RFC 5321 §4.3.2
// table (and the extension RFCs), with sequence checked before syntax (§4.1.4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../harness/wire/reply.ts';
import { type RunningReferenceServer, startReferenceServer } from '../server.ts';
import { connectClient } from '../testing/test-server.ts';

const SETUPS = {
  fresh: [],
  helo: ['HELO client.example'],
  ehlo: ['EHLO client.example'],
  mail: ['EHLO client.example', 'MAIL FROM:<sender@client.example>'],
  rcpt: [
    'EHLO client.example',
    'MAIL FROM:<sender@client.example>',
    'RCPT TO:<alice@smtpspec.test>',
  ],
  rejected: [
    'EHLO client.example',
    'MAIL FROM:<sender@client.example>',
    'RCPT TO:<nobody@smtpspec.test>',
  ],
  utf8: ['EHLO client.example', 'MAIL FROM:<sender@client.example> SMTPUTF8'],
} as const;

type Setup = keyof typeof SETUPS;

let server: RunningReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer({ config: { listen: { port: 0 } } });
});
afterAll(() => server.stop({ graceMs: 0 }));

/** Connects, runs the setup commands and returns the reply to `command`. */
async function replyIn(setup: Setup, command: string | Buffer): Promise<Reply> {
  const client = await connectClient(server.address);
  await client.readReply();
  for (const line of SETUPS[setup]) await client.command(line);
  const reply = await client.command(command);
  await client.close();
  return reply;
}

/** RFC 2034 §3 / RFC 3463: enhanced code with the reply's class, none on 3xx. */
function expectEnhancedClass(reply: Reply): void {
  if (reply.code >= 300 && reply.code < 400) expect(reply.enhanced).toBeUndefined();
  else expect(reply.enhanced?.klass).toBe(Math.floor(reply.code / 100));
}

describe('replies per verb and state', () => {
  it.each([
    // Before HELO/EHLO.
    ['fresh', 'MAIL FROM:<a@client.example>', 503, '5.5.1'],
    ['fresh', 'RCPT TO:<alice@smtpspec.test>', 503, '5.5.1'],
    ['fresh', 'DATA', 503, '5.5.1'],
    ['fresh', 'RSET', 250, '2.0.0'],
    ['fresh', 'NOOP', 250, '2.0.0'],
    ['fresh', 'NOOP anything at all', 250, '2.0.0'],
    ['fresh', 'VRFY alice', 252, '2.0.0'],
    ['fresh', 'EXPN staff', 252, '2.0.0'],
    ['fresh', 'HELP', 214, '2.0.0'],
    ['fresh', 'HELP MAIL', 214, '2.0.0'],
    ['fresh', 'STARTTLS', 503, '5.5.1'],
    ['fresh', 'AUTH PLAIN', 503, '5.5.1'],
    ['fresh', 'SEND FROM:<a@client.example>', 502, '5.5.1'],
    ['fresh', 'SOML FROM:<a@client.example>', 502, '5.5.1'],
    ['fresh', 'SAML FROM:<a@client.example>', 502, '5.5.1'],
    ['fresh', 'TURN', 502, '5.5.1'],
    ['fresh', 'XYZZY', 500, '5.5.1'],
    ['fresh', '', 500, '5.5.2'],
    ['fresh', 'HELO', 501, '5.5.4'],
    ['fresh', 'EHLO', 501, '5.5.4'],
    ['fresh', 'EHLO not_a_domain!', 501, '5.5.4'],
    // Sequence is checked before syntax (RFC 5321 §4.1.4, style convention 11).
    ['fresh', 'DATA with an argument', 503, '5.5.1'],
    ['fresh', 'RCPT TO:<broken', 503, '5.5.1'],
    // After HELO: no extensions.
    ['helo', 'MAIL FROM:<a@client.example>', 250, '2.1.0'],
    ['helo', 'MAIL FROM:<a@client.example> SIZE=10', 555, '5.5.4'],
    ['helo', 'MAIL FROM:<\u00e9@client.example>', 553, '5.1.7'],
    ['helo', 'STARTTLS', 503, '5.5.1'],
    // After EHLO.
    ['ehlo', 'MAIL FROM:<a@client.example>', 250, '2.1.0'],
    ['ehlo', 'MAIL FROM:<>', 250, '2.1.0'],
    ['ehlo', 'MAIL FROM:a@client.example', 501, '5.5.4'],
    ['ehlo', 'MAIL FROM:<a@client.example> SIZE=1000', 250, '2.1.0'],
    ['ehlo', 'MAIL FROM:<a@client.example> SIZE=99999999999', 552, '5.3.4'],
    ['ehlo', 'MAIL FROM:<a@client.example> SIZE=ten', 501, '5.5.4'],
    ['ehlo', 'MAIL FROM:<a@client.example> SIZE=1 SIZE=2', 501, '5.5.4'],
    ['ehlo', 'MAIL FROM:<a@client.example> BODY=8BITMIME', 250, '2.1.0'],
    ['ehlo', 'MAIL FROM:<a@client.example> BODY=binarymime', 250, '2.1.0'],
    ['ehlo', 'MAIL FROM:<a@client.example> BODY=9BIT', 501, '5.5.4'],
    ['ehlo', 'MAIL FROM:<a@client.example> SMTPUTF8', 250, '2.1.0'],
    ['ehlo', 'MAIL FROM:<a@client.example> SMTPUTF8=yes', 501, '5.5.4'],
    ['ehlo', 'MAIL FROM:<a@client.example> RET=HDRS ENVID=id+2B1', 250, '2.1.0'],
    ['ehlo', 'MAIL FROM:<a@client.example> RET=ALL', 501, '5.5.4'],
    ['ehlo', 'MAIL FROM:<a@client.example> ENVID=bad+zz', 501, '5.5.4'],
    ['ehlo', `MAIL FROM:<a@client.example> ENVID=${'x'.repeat(101)}`, 501, '5.5.4'],
    ['ehlo', 'MAIL FROM:<a@client.example> XFOO=BAR', 555, '5.5.4'],
    // RFC 4954 §5: AUTH= is recognised only where AUTH is offered (under TLS).
    ['ehlo', 'MAIL FROM:<a@client.example> AUTH=<>', 555, '5.5.4'],
    ['ehlo', 'MAIL FROM:<\u00e9@client.example>', 553, '5.6.7'],
    ['ehlo', 'MAIL FROM:<\u00e9@client.example> SMTPUTF8', 250, '2.1.0'],
    ['ehlo', 'RCPT TO:<alice@smtpspec.test>', 503, '5.5.1'],
    ['ehlo', 'DATA', 503, '5.5.1'],
    ['ehlo', 'RSET now', 501, '5.5.4'],
    ['ehlo', 'QUIT now', 501, '5.5.4'],
    ['ehlo', 'STARTTLS now', 501, '5.5.4'],
    ['ehlo', 'AUTH PLAIN', 538, '5.7.11'],
    ['ehlo', 'AUTH NOTAMECH', 538, '5.7.11'],
    // In a transaction, before any recipient.
    ['mail', 'MAIL FROM:<other@client.example>', 503, '5.5.1'],
    ['mail', 'RCPT TO:<alice@smtpspec.test>', 250, '2.1.5'],
    ['mail', 'RCPT TO:<Postmaster>', 250, '2.1.5'],
    ['mail', 'RCPT TO:<POSTMASTER@SMTPSPEC.TEST>', 250, '2.1.5'],
    ['mail', 'RCPT TO:<nobody@smtpspec.test>', 550, '5.1.1'],
    ['mail', 'RCPT TO:<someone@foreign.example>', 550, '5.7.1'],
    [
      'mail',
      'RCPT TO:<alice@smtpspec.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;alice@smtpspec.test',
      250,
      '2.1.5',
    ],
    ['mail', 'RCPT TO:<alice@smtpspec.test> NOTIFY=NEVER', 250, '2.1.5'],
    ['mail', 'RCPT TO:<alice@smtpspec.test> NOTIFY=NEVER,SUCCESS', 501, '5.5.4'],
    ['mail', 'RCPT TO:<alice@smtpspec.test> NOTIFY=DELAY,DELAY', 501, '5.5.4'],
    ['mail', 'RCPT TO:<alice@smtpspec.test> NOTIFY=SOMETIMES', 501, '5.5.4'],
    ['mail', 'RCPT TO:<alice@smtpspec.test> ORCPT=alice@smtpspec.test', 501, '5.5.4'],
    ['mail', 'RCPT TO:<alice@smtpspec.test> XFOO', 555, '5.5.4'],
    ['mail', 'RCPT TO:<>', 501, '5.5.4'],
    ['mail', 'RCPT TO:<alice@smtpspec.test.>', 553, '5.1.3'],
    ['mail', 'RCPT TO:<\u00e9@smtpspec.test>', 553, '5.6.7'],
    ['mail', 'DATA', 503, '5.5.1'],
    ['mail', 'AUTH PLAIN', 503, '5.5.1'],
    ['mail', 'STARTTLS', 503, '5.5.1'],
    ['mail', 'RSET', 250, '2.0.0'],
    ['mail', 'NOOP', 250, '2.0.0'],
    // With a recipient.
    ['rcpt', 'DATA', 354, undefined],
    ['rcpt', 'RCPT TO:<bob@smtpspec.test>', 250, '2.1.5'],
    ['rcpt', 'MAIL FROM:<a@client.example>', 503, '5.5.1'],
    // RFC 5321 §3.3: every RCPT refused, DATA gets 554 "no valid recipients".
    ['rejected', 'DATA', 554, '5.5.1'],
    ['utf8', 'RCPT TO:<\u00e9l\u00e8ve@smtpspec.test>', 550, '5.1.1'],
  ] as const)('%s: %s -> %i %s', async (setup, command, code, enhanced) => {
    const reply = await replyIn(setup, Buffer.from(command, 'utf8'));
    expect(reply.code).toBe(code);
    if (enhanced !== undefined) expect(reply.enhanced?.text).toBe(enhanced);
    expectEnhancedClass(reply);
  });

  it.each([['HELO client.example'], ['EHLO client.example'], ['EHLO [127.0.0.1]']])(
    '%s gets 250 without an enhanced code (RFC 2034 §3)',
    async (command) => {
      const reply = await replyIn('fresh', command);
      expect(reply.code).toBe(250);
      expect(reply.enhanced).toBeUndefined();
      expect(reply.lines[0]).toMatch(/^mx\.smtpspec\.test /);
    },
  );

  it('advertises the extensions; STARTTLS but not AUTH in plaintext', async () => {
    const reply = await replyIn('fresh', 'EHLO client.example');
    const keywords = reply.lines.slice(1);
    expect(keywords).toEqual([
      'PIPELINING',
      'SIZE 10485760',
      '8BITMIME',
      'ENHANCEDSTATUSCODES',
      'SMTPUTF8',
      'CHUNKING',
      'BINARYMIME',
      'DSN',
      'VRFY',
      'EXPN',
      'HELP',
      'STARTTLS',
    ]);
  });

  it('greets with 220 and the hostname, without an enhanced code', async () => {
    const client = await connectClient(server.address);
    const greeting = await client.readReply();
    expect(greeting.code).toBe(220);
    expect(greeting.lines[0]).toMatch(/^mx\.smtpspec\.test /);
    expect(greeting.enhanced).toBeUndefined();
  });

  it('QUIT gets 221 and the server closes', async () => {
    const client = await connectClient(server.address);
    await client.readReply();
    await client.command('MAIL FROM:<a@client.example>');
    const reply = await client.command('QUIT');
    expect(reply.code).toBe(221);
    expect(await client.expectClose()).toBe('server');
  });

  it('EHLO in a transaction resets it (RFC 5321 §4.1.4)', async () => {
    const client = await connectClient(server.address);
    await client.readReply();
    for (const line of SETUPS.rcpt) await client.command(line);
    expect((await client.command('EHLO again.example')).code).toBe(250);
    expect((await client.command('DATA')).code).toBe(503);
    expect((await client.command('MAIL FROM:<a@client.example>')).code).toBe(250);
  });

  it('RSET ends the transaction but keeps the EHLO', async () => {
    const client = await connectClient(server.address);
    await client.readReply();
    for (const line of SETUPS.rcpt) await client.command(line);
    expect((await client.command('RSET')).code).toBe(250);
    expect((await client.command('RCPT TO:<alice@smtpspec.test>')).code).toBe(503);
    expect((await client.command('MAIL FROM:<a@client.example> SIZE=5')).code).toBe(250);
  });
});
