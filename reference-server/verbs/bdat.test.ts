import { describe, expect, it } from 'vitest';
import type { SmtpClientSession } from '../../harness/client/session.ts';
import { octets, startTestServer } from '../testing/test-server.ts';

/** Sends MAIL (with `params`) and RCPT for alice; expects both accepted. */
async function openTransaction(client: SmtpClientSession, params = ''): Promise<void> {
  await client.sendRaw(
    octets(`MAIL FROM:<s@client.example>${params}\r\nRCPT TO:<alice@smtpspec.test>\r\n`),
  );
  expect((await client.readReply()).code).toBe(250);
  expect((await client.readReply()).code).toBe(250);
}

/** `BDAT n[ LAST]` followed by exactly the chunk's octets, in one write. */
function chunk(content: string, last = false): string {
  return `BDAT ${Buffer.byteLength(content, 'latin1')}${last ? ' LAST' : ''}\r\n${content}`;
}

describe('BDAT (RFC 3030)', () => {
  it('takes a message in several chunks, the last one empty', async () => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    await openTransaction(client);
    await client.sendRaw(
      octets(
        chunk('Subject: chunks\r\n\r\n') +
          chunk('part one, ') +
          chunk('part two\r\n') +
          chunk('', true),
      ),
    );
    const replies = [
      await client.readReply(),
      await client.readReply(),
      await client.readReply(),
      await client.readReply(),
    ];
    expect(replies.map((r) => r.code)).toEqual([250, 250, 250, 250]);
    expect(replies[1]?.lines[0]).toBe('2.0.0 10 octets received');
    expect(replies[3]?.lines[0]).toMatch(/^2\.0\.0 OK: queued as /);
    const content = t.store.messages[0]?.content.toString('latin1') ?? '';
    expect(content.endsWith('Subject: chunks\r\n\r\npart one, part two\r\n')).toBe(true);
    expect(content.startsWith('Received: ')).toBe(true);
  });

  it('never interprets chunk octets: dots and commands inside stay content', async () => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    await openTransaction(client);
    const inner = 'Subject: x\r\n\r\n.\r\nMAIL FROM:<evil@client.example>\r\nQUIT\r\n';
    await client.sendRaw(octets(`${chunk(inner, true)}NOOP\r\n`));
    expect((await client.readReply()).code).toBe(250);
    expect((await client.readReply()).code).toBe(250);
    expect(t.store.messages[0]?.content.toString('latin1').endsWith(inner)).toBe(true);
  });

  it('reads the chunk of a BDAT without MAIL, then answers 503 and stays in step', async () => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    await client.sendRaw(octets(`${chunk('NOOP\r\nNOOP\r\n', true)}NOOP\r\n`));
    const first = await client.readReply();
    expect(first.code).toBe(503);
    expect(first.enhanced?.text).toBe('5.5.1');
    expect((await client.readReply()).code).toBe(250);
    // Nothing of the chunk ran as a command: no reply is left over.
    await client.expectNoReply(200);
  });

  it('answers 554 when no recipient was accepted, reading the chunk', async () => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    await client.sendRaw(
      octets(
        `MAIL FROM:<s@client.example>\r\nRCPT TO:<nobody@smtpspec.test>\r\n${chunk('x\r\n', true)}NOOP\r\n`,
      ),
    );
    expect([(await client.readReply()).code, (await client.readReply()).code]).toEqual([250, 550]);
    expect((await client.readReply()).code).toBe(554);
    expect((await client.readReply()).code).toBe(250);
  });

  it('refuses DATA after BDAT in one transaction (503), and RCPT after a chunk', async () => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    await openTransaction(client);
    await client.sendRaw(octets(chunk('Subject: x\r\n')));
    expect((await client.readReply()).code).toBe(250);
    expect((await client.command('RCPT TO:<bob@smtpspec.test>')).code).toBe(503);
    expect((await client.command('DATA')).code).toBe(503);
    await client.sendRaw(octets(chunk('\r\nbody\r\n', true)));
    expect((await client.readReply()).code).toBe(250);
    expect(t.store.messages).toHaveLength(1);
  });

  it('refuses DATA for BODY=BINARYMIME (RFC 3030 §3)', async () => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    await openTransaction(client, ' BODY=BINARYMIME');
    expect((await client.command('DATA')).code).toBe(503);
  });

  it.each([
    [' BODY=BINARYMIME', 250],
    [' BODY=8BITMIME', 554],
    ['', 554],
  ])('content with bare LF and NUL, MAIL%s -> %i', async (params, code) => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    await openTransaction(client, params);
    await client.sendRaw(octets(chunk('Subject: bin\r\n\r\n\x00\x01\n\r\xff', true)));
    expect((await client.readReply()).code).toBe(code);
  });

  it('over the size limit: 552 for the chunk, then later chunks are read and refused', async () => {
    const t = await startTestServer({ limits: { maxMessageSize: 100 } });
    const client = await t.connectEhlo();
    await openTransaction(client);
    await client.sendRaw(
      octets(chunk('x'.repeat(60)) + chunk('y'.repeat(60)) + chunk('z'.repeat(60), true)),
    );
    const first = await client.readReply();
    expect(first.code).toBe(250);
    const second = await client.readReply();
    expect(second.code).toBe(552);
    expect(second.enhanced?.text).toBe('5.3.4');
    expect((await client.readReply()).code).toBe(503);
    expect((await client.command('NOOP')).code).toBe(250);
    expect(t.store.messages).toHaveLength(0);
  });

  it.each([['BDAT'], ['BDAT x'], ['BDAT 10 NOTLAST'], ['BDAT -1']])('%s -> 501', async (line) => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    await openTransaction(client);
    expect((await client.command(line)).code).toBe(501);
  });
});
