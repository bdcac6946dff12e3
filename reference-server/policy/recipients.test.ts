import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../harness/wire/command.ts';
import { resolveConfig } from '../config.ts';
import { clientNetworkMatcher, destinationKey } from './domains.ts';
import { classifyRecipient, createLocalDirectory, recipientKey } from './recipients.ts';

const config = resolveConfig({
  localDomains: ['smtpspec.test', '[192.0.2.1]', '[IPv6:2001:db8::1]'],
  mailboxes: ['alice', 'bob', 'carol@smtpspec.test'],
});
const directory = createLocalDirectory(config);

function rcpt(line: string) {
  const parsed = parseCommand(Buffer.from(line, 'utf8'), { smtputf8: true });
  if (!parsed.ok || parsed.command.verb !== 'RCPT')
    throw new Error(`test line does not parse: ${line}`);
  return parsed.command;
}

function classify(line: string) {
  const { forwardPath, isPostmaster } = rcpt(line);
  return classifyRecipient(directory, forwardPath, isPostmaster).kind;
}

function keyOf(address: string): string {
  const { forwardPath, isPostmaster } = rcpt(`RCPT TO:<${address}>`);
  return recipientKey(
    directory,
    forwardPath,
    classifyRecipient(directory, forwardPath, isPostmaster),
  );
}

describe('recipientKey', () => {
  it.each([
    ['ALICE@SmtpSpec.Test', 'alice@smtpspec.test'],
    ['"alice"@smtpspec.test', 'alice@smtpspec.test'],
    ['Postmaster', 'postmaster@smtpspec.test'],
    ['PostMaster@smtpspec.test', 'postmaster@smtpspec.test'],
    ['alice@[192.000.2.001]', 'alice@[192.0.2.1]'],
    ['alice@[IPv6:2001:DB8:0:0:0:0:0:1]', 'alice@[IPv6:2001:db8::1]'],
    ['Bob@Foreign.Example', 'Bob@foreign.example'],
    ['"Bob"@foreign.example', 'Bob@foreign.example'],
  ])('%s is the mailbox %s', (address, key) => {
    expect(keyOf(address)).toBe(key);
  });
});

describe('classifyRecipient', () => {
  it.each([
    ['RCPT TO:<alice@smtpspec.test>', 'local'],
    ['RCPT TO:<ALICE@SMTPSPEC.TEST>', 'local'],
    ['RCPT TO:<"alice"@smtpspec.test>', 'local'],
    ['RCPT TO:<carol@smtpspec.test>', 'local'],
    ['RCPT TO:<alice@[192.0.2.1]>', 'local'],
    ['RCPT TO:<alice@[IPv6:2001:DB8:0:0:0:0:0:1]>', 'local'],
    ['RCPT TO:<Postmaster>', 'local'],
    ['RCPT TO:<pOsTmAsTeR@smtpspec.test>', 'local'],
    ['RCPT TO:<nobody@smtpspec.test>', 'unknown-local'],
    ['RCPT TO:<someone@foreign.example>', 'foreign'],
    // RFC 5321 §4.5.1 binds only our own postmaster; a foreign one is relaying.
    ['RCPT TO:<postmaster@foreign.example>', 'foreign'],
    // Look-alike domains are not ours.
    ['RCPT TO:<alice@smtpspec.test.foreign.example>', 'foreign'],
    ['RCPT TO:<alice@sub.smtpspec.test>', 'foreign'],
    ['RCPT TO:<alice@[127.0.0.1]>', 'foreign'],
    ['RCPT TO:<alice@[tag:smtpspec.test]>', 'foreign'],
    // Source routes are ignored; the final mailbox decides (RFC 5321 §4.1.1.3).
    ['RCPT TO:<@smtpspec.test:victim@foreign.example>', 'foreign'],
    ['RCPT TO:<@foreign.example:alice@smtpspec.test>', 'local'],
    // Local-part routing tricks (RFC 5321 §3.6.2, §7.1).
    ['RCPT TO:<victim%foreign.example@smtpspec.test>', 'routing-trick'],
    ['RCPT TO:<foreign.example!victim@smtpspec.test>', 'routing-trick'],
    ['RCPT TO:<"victim@foreign.example"@smtpspec.test>', 'routing-trick'],
    ['RCPT TO:<"victim%foreign.example"@smtpspec.test>', 'routing-trick'],
  ])('%s is %s', (line, kind) => {
    expect(classify(line)).toBe(kind);
  });
});

describe('destinationKey', () => {
  it.each([
    ['Example.ORG', false, 'example.org'],
    ['[192.0.2.001]', true, '[192.0.2.1]'],
    ['[IPv6:2001:DB8::0:1]', true, '[IPv6:2001:db8::1]'],
    ['[tag:anything]', true, undefined],
    ['[999.0.0.1]', true, undefined],
  ])('%s -> %s', (domain, literal, key) => {
    expect(destinationKey(domain, literal)).toBe(key);
  });
});

describe('clientNetworkMatcher', () => {
  const inNetworks = clientNetworkMatcher(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32']);
  it.each([
    ['10.1.2.3', true],
    ['::ffff:10.1.2.3', true],
    ['192.0.2.7', true],
    ['192.0.2.8', false],
    ['2001:db8::5', true],
    ['127.0.0.1', false],
    ['::1', false],
    ['not-an-ip', false],
  ])('%s -> %s', (address, expected) => {
    expect(inNetworks(address)).toBe(expected);
  });

  it('matches nothing when no network is configured', () => {
    expect(clientNetworkMatcher([])('127.0.0.1')).toBe(false);
  });
});
