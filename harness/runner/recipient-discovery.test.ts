import { describe, expect, it, onTestFinished } from 'vitest';
import { startReferenceServer } from '../../reference-server/server.ts';
import { candidateDomains, discoverRecipient } from './recipient-discovery.ts';

const OPTIONS = {
  tls: 'none',
  helo: 'client.test',
  from: 'sender@client.test',
  timeoutMs: 2000,
} as const;

async function server(hostname: string, localDomains: string[]) {
  const s = await startReferenceServer({
    config: {
      listen: { host: '127.0.0.1', port: 0 },
      hostname,
      localDomains,
      relay: { clientNetworks: [], allowAuthenticated: false },
    },
  });
  onTestFinished(() => s.stop({ graceMs: 0 }));
  return s.address;
}

describe('candidateDomains', () => {
  it('tries each name, then its parent domains, without repeats or single labels', () => {
    expect(
      candidateDomains(['mx.mail.example.test', 'mail.example.test', '[192.0.2.1]', 'localhost']),
    ).toEqual(['mx.mail.example.test', 'mail.example.test', 'example.test']);
  });
});

// Why this test? A conformant server whose host name is not its mail domain refuses
// postmaster@<host name> as relaying; a run without --rcpt must find the domain it serves.
describe('discoverRecipient', () => {
  it('finds postmaster at the parent domain of the greeting host', async () => {
    const address = await server('mx.example.test', ['example.test']);
    const found = await discoverRecipient(address, ['mx.example.test'], OPTIONS);
    expect(found.recipient).toEqual({ mailbox: 'postmaster@example.test', domain: 'example.test' });
    expect(found.note).toContain('after postmaster@mx.example.test (550');
  });

  it('falls back to the bare <Postmaster> when no named domain is served', async () => {
    const address = await server('mx.other.test', ['example.test']);
    const found = await discoverRecipient(address, ['mx.other.test'], OPTIONS);
    expect(found.recipient).toEqual({ mailbox: 'Postmaster', domain: undefined });
  });

  it('says why when the server cannot be reached', async () => {
    const address = await server('mx.example.test', ['example.test']);
    const found = await discoverRecipient({ ...address, port: 1 }, ['mx.example.test'], OPTIONS);
    expect(found.recipient).toBeUndefined();
    expect(found.note).toMatch(/^recipient discovery failed: /);
  });
});
