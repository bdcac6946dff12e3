// Why this test? Content now streams to the spool as it arrives, so a transaction that ends
// without a commit (client gone, RSET after BDAT chunks, refused content) leaves a draft
// behind unless every path drops it; and a large message must arrive intact in pieces.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMaildir, tempDataDir, waitFor } from '../queue/testing/fixtures.ts';
import { startTestMta } from '../queue/testing/mta.ts';
import { RawClient } from '../testing/raw-client.ts';

async function mta() {
  const dataDir = await tempDataDir();
  const { server, queue } = await startTestMta({ dataDir });
  const tmp = join(dataDir, 'spool', 'tmp');
  const connect = async () => {
    const client = await RawClient.connect(server.address);
    await client.reply();
    await client.command('EHLO client.test');
    client.write('MAIL FROM:<s@client.test>\r\nRCPT TO:<alice@smtpspec.test>\r\n');
    for (const code of [250, 250]) expect((await client.reply()).code).toBe(code);
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
    for (let at = 0; at < wire.length; at += 9999) client.write(wire.subarray(at, at + 9999));
    client.write('.\r\n');
    expect((await client.reply(10_000)).code).toBe(250);
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
    client.write(start);
    if (start === 'DATA\r\n') expect((await client.reply()).code).toBe(354);
    client.write(big);
    if (leave) client.end();
    else {
      expect((await client.reply()).code).toBe(250);
      expect((await client.command('RSET')).code).toBe(250);
    }
    await m.tmpIsEmpty();
    expect(await readdir(join(m.dataDir, 'spool', 'queue'))).toEqual([]);
  });
});
