// Why this test? RFC 5321 §4.5.3.1.6 sets a text line at 1000 octets with its CRLF (the
// stuffed dot not counted). A server must take lines that long and may refuse longer ones;
// we advertise no extension that raises it, so we enforce limits.maxLineLength (default
// 1000) after the end of data, and never store a longer line. A 10 MB single line used to
// be accepted and stored as it was.
import { describe, expect, it } from 'vitest';
import { octets, startTestServer, type TestServer } from '../testing/test-server.ts';

const OPEN = 'MAIL FROM:<s@client.example>\r\nRCPT TO:<alice@smtpspec.test>\r\n';

/** Sends one message with DATA; resolves with the final reply. */
async function viaData(t: TestServer, content: Buffer) {
  const client = await t.connectEhlo();
  await client.sendRaw(octets(`${OPEN}DATA\r\n`));
  for (const code of [250, 250, 354]) expect((await client.readReply()).code).toBe(code);
  await client.sendRaw(Buffer.concat([content, octets('.\r\n')]));
  const reply = await client.readReply({ timeoutMs: 20_000 });
  expect((await client.command('NOOP')).code).toBe(250);
  return reply;
}

const line = (octets: number, first = 'x') =>
  Buffer.from(`${first}${'x'.repeat(octets - 3)}\r\n`, 'latin1');
const message = (...lines: Buffer[]) =>
  Buffer.concat([Buffer.from('Subject: l\r\n\r\n'), ...lines]);

describe('text line limit (RFC 5321 §4.5.3.1.6)', () => {
  it('refuses a 10 MB single line with 554 5.6.0 after the data, storing nothing', async () => {
    const t = await startTestServer();
    const reply = await viaData(t, message(line(10_000_000)));
    expect(reply.code).toBe(554);
    expect(reply.enhanced?.text).toBe('5.6.0');
    expect(reply.lines[0]).toMatch(/longer than 1000 octets/);
    expect(t.store.messages).toHaveLength(0);
  });

  it.each([
    ['a 1000-octet line', 250, message(line(1000))],
    ['a 1001-octet line', 554, message(line(1001))],
    // "not counting the leading dot duplicated for transparency": 1001 octets on the wire.
    [
      'a 1000-octet line starting with a stuffed dot',
      250,
      message(Buffer.from('.'), line(1000, '.')),
    ],
  ])('%s gets %i', async (_name, code, content) => {
    const t = await startTestServer();
    expect((await viaData(t, content)).code).toBe(code);
  });

  it('takes longer lines up to limits.maxLineLength when configured higher', async () => {
    const t = await startTestServer({ limits: { maxLineLength: 4000 } });
    expect((await viaData(t, message(line(4000)))).code).toBe(250);
    expect((await viaData(t, message(line(4001)))).code).toBe(554);
  });

  it('applies the limit to BDAT text, but not to BODY=BINARYMIME', async () => {
    const t = await startTestServer();
    const content = message(line(5000));
    for (const [body, code] of [
      ['', 554],
      [' BODY=BINARYMIME', 250],
    ] as const) {
      const client = await t.connectEhlo();
      await client.sendRaw(
        Buffer.concat([
          octets(
            `MAIL FROM:<s@client.example>${body}\r\nRCPT TO:<alice@smtpspec.test>\r\n` +
              `BDAT ${content.length} LAST\r\n`,
          ),
          content,
        ]),
      );
      for (const expected of [250, 250, code])
        expect((await client.readReply()).code).toBe(expected);
    }
  });
});
