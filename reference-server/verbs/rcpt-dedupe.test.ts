// Why this test? Spellings of one mailbox (case, quoting) were separate recipients: one
// transaction with 98 of them stored 97 copies of a 10 MB message in one Maildir.
import { describe, expect, it, onTestFinished } from 'vitest';
import { SmtpClientSession } from '../../harness/client/session.ts';
import { startFakeHop } from '../delivery/testing/fake-hop.ts';
import { readMaildir, tempDataDir } from '../queue/testing/fixtures.ts';
import { startTestMta } from '../queue/testing/mta.ts';

const ALICE = [
  'alice@smtpspec.test',
  'ALICE@smtpspec.test',
  'aLiCe@SMTPSPEC.TEST',
  // RFC 5321 §4.1.2: a Quoted-string local-part means the same as its unquoted form.
  '"alice"@smtpspec.test',
  '"ALICE"@SmtpSpec.Test',
  '"al\\ice"@smtpspec.test',
];
const POSTMASTER = ['Postmaster', 'postmaster@smtpspec.test', 'POSTMASTER@SMTPSPEC.TEST'];
// A foreign local-part is the remote host's to interpret (§2.4): case is kept, quotes are not.
const FOREIGN_SAME = ['bob@foreign.example', '"bob"@FOREIGN.example', 'bob@Foreign.Example'];
const FOREIGN_OTHER = ['Bob@foreign.example'];

describe('recipients deduplicated by the mailbox they resolve to', () => {
  it('answers every spelling 250 and delivers one copy per mailbox', async () => {
    const hop = await startFakeHop();
    onTestFinished(() => hop.close());
    const dataDir = await tempDataDir();
    const mta = await startTestMta({
      localDomains: ['smtpspec.test'],
      mailboxes: ['alice', 'postmaster'],
      relay: { clientNetworks: ['127.0.0.1/32'] },
      routes: { 'foreign.example': `127.0.0.1:${hop.port}` },
      dataDir,
      queue: { retryBaseMs: 100, retryMaxMs: 200, lifetimeMs: 60_000, concurrency: 2 },
    });
    const client = await SmtpClientSession.connect({
      host: '127.0.0.1',
      port: mta.server.address.port,
      replyTimeoutMs: 5000,
    });
    onTestFinished(() => client.close());
    await client.readReply();
    await client.command('EHLO client.test');
    const rcpts = [...ALICE, ...POSTMASTER, ...FOREIGN_SAME, ...FOREIGN_OTHER];
    const replies = await client.pipeline([
      'MAIL FROM:<sender@smtpspec.test>',
      ...rcpts.map((r) => `RCPT TO:<${r}>`),
      'DATA',
    ]);
    expect(replies.map((r) => r.code)).toEqual([250, ...rcpts.map(() => 250), 354]);
    await client.sendMessage(Buffer.from('Subject: once\r\n\r\nhello\r\n'));
    expect((await client.readReply()).code).toBe(250);
    await mta.queue.whenIdle(10_000);
    expect(await readMaildir(dataDir, 'smtpspec.test', 'alice')).toHaveLength(1);
    expect(await readMaildir(dataDir, 'smtpspec.test', 'postmaster')).toHaveLength(1);
    expect(hop.messages).toHaveLength(1);
    expect(hop.messages[0]?.rcpts).toEqual(['bob@foreign.example', 'Bob@foreign.example']);
  });
});
