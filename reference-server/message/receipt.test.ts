// Why this test? Content now streams to the spool as it arrives, so a transaction that ends
// without a commit (client gone, RSET after BDAT chunks, refused content) leaves a draft
// behind unless every path drops it; and a large message must arrive intact in pieces.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMaildir, tempDataDir, waitFor } from '../queue/testing/fixtures.ts';
import { startTestMta } from '../queue/testing/mta.ts';
import { connectClient, octets } from '../testing/test-server.ts';

async function mta() {
  const dataDir = await tempDataDir();
  const { server, queue } = await startTestMta({ dataDir });
  const tmp = join(dataDir, 'spool', 'tmp');
  const connect = async () => {
    const client = await connectClient(server.address);
    await client.readReply();
    await client.command('EHLO client.test');
    await client.sendRaw(octets('MAIL FROM:<s@client.test>\r\nRCPT TO:<alice@smtpspec.test>\r\n'));
    for (const code of [250, 250]) expect((await client.readReply()).code).toBe(code);
    return client;
  };
  const tmpIsEmpty = () =>
    waitFor(
      () => tmpNames.length === 0,
      5000,
      'an empty spool tmp/',
      async () => {
        tmpNames = await readdir(tmp);
      },
    );
  let tmpNames: string[] = [];
  return { dataDir, queue, connect, tmpIsEmpty };
}

const big = Buffer.from(
  `Subject: big\r\n\r\n${'.dotted line of text\r\n'.repeat(20_000)}`,
  'latin1',
);

describe('message receipt', () => {
  it('spools a large DATA message in pieces and delivers it intact', async () => {
    const m = await mta();
    const client = await m.connect();
    expect((await client.command('DATA')).code).toBe(354);
    // The transparency dot doubled on the wire (RFC 5321 §4.5.2), in uneven writes.
    const wire = Buffer.from(big.toString('latin1').replace(/\r\n\./g, '\r\n..'), 'latin1');
    const pieces: Buffer[] = [];
    for (let at = 0; at < wire.length; at += 9999) pieces.push(wire.subarray(at, at + 9999));
    await client.sendRaw([...pieces, octets('.\r\n')], { pauseMs: 0 });
    expect((await client.readReply({ timeoutMs: 10_000 })).code).toBe(250);
    await m.queue.whenIdle(10_000);
    const [delivered] = await readMaildir(m.dataDir, 'smtpspec.test', 'alice');
    const text = delivered?.content.toString('latin1') ?? '';
    expect(text).toMatch(/^Return-Path: <s@client\.test>\r\nReceived: from client\.test /);
    expect(text.endsWith(big.toString('latin1'))).toBe(true);
    await m.tmpIsEmpty();
  });

  it.each([
    ['the client leaves in the middle of DATA', 'DATA\r\n', true],
    ['RSET after a BDAT chunk', `BDAT ${big.length}\r\n`, false],
  ])('drops the draft when %s', async (_name, start, leave) => {
    const m = await mta();
    const client = await m.connect();
    await client.sendRaw(octets(start));
    if (start === 'DATA\r\n') expect((await client.readReply()).code).toBe(354);
    await client.sendRaw(big);
    if (leave) await client.close();
    else {
      expect((await client.readReply()).code).toBe(250);
      expect((await client.command('RSET')).code).toBe(250);
    }
    await m.tmpIsEmpty();
    expect(await readdir(join(m.dataDir, 'spool', 'queue'))).toEqual([]);
  });
});
