// Why this test? `startReferenceServer({ verbs })` is the seam that seeds defects into the
// reference MTA (fixtures/test-mta/): it must replace exactly the named handlers, for
// that server only, and refuse anything that is not a handler of a known verb.
import { describe, expect, it, onTestFinished } from 'vitest';
import { ERROR_CODES, hasErrorCode } from '../../harness/errors.ts';
import { startReferenceServer } from '../server.ts';
import { connectClient } from '../testing/test-server.ts';
import type { VerbHandler, VerbTable } from './handler.ts';
import { VERB_HANDLERS, verbTable } from './index.ts';

/** NOOP answered with a text the default handler never sends. */
const marked: VerbHandler<'NOOP'> = {
  async handle(s) {
    s.reply({ code: 250, enhanced: '2.0.0', text: 'overridden NOOP' });
  },
};

async function start(verbs?: Partial<VerbTable>) {
  const server = await startReferenceServer({
    config: { listen: { host: '127.0.0.1', port: 0 } },
    ...(verbs ? { verbs } : {}),
  });
  onTestFinished(() => server.stop({ graceMs: 0 }));
  return server;
}

async function noopText(server: { address: { host: string; port: number } }): Promise<string> {
  const client = await connectClient(server.address);
  await client.readReply();
  const reply = await client.command('NOOP');
  return `${reply.code} ${reply.lines.join(' / ')}`;
}

describe('verbTable', () => {
  it('is the default table without overrides', () => {
    expect(verbTable()).toEqual(VERB_HANDLERS);
  });

  it('replaces only the named verbs, and leaves the default table alone', () => {
    const table = verbTable({ NOOP: marked, RSET: undefined });
    expect(table.NOOP).toBe(marked);
    expect(table.RSET).toBe(VERB_HANDLERS.RSET);
    expect(table.MAIL).toBe(VERB_HANDLERS.MAIL);
    expect(VERB_HANDLERS.NOOP).not.toBe(marked);
  });

  it('refuses a key that is not a verb, and a value that is not a handler', () => {
    const notVerb = () => verbTable({ XNOOP: marked } as unknown as Partial<VerbTable>);
    expect(notVerb).toThrow('verbs.XNOOP: not a verb of the dispatch table');
    const notHandler = () => verbTable({ NOOP: {} as VerbHandler<'NOOP'> });
    expect(notHandler).toThrow('verbs.NOOP: expected a verb handler with a handle() method');
  });
});

describe('startReferenceServer({ verbs })', () => {
  it('dispatches to the override in that server only', async () => {
    const [overridden, plain] = await Promise.all([start({ NOOP: marked }), start()]);
    expect(await noopText(overridden)).toBe('250 2.0.0 overridden NOOP');
    expect(await noopText(plain)).toBe('250 2.0.0 OK');
  });

  it('rejects a bad override with a ConfigError before listening', async () => {
    const error = await startReferenceServer({
      config: { listen: { host: '127.0.0.1', port: 0 } },
      verbs: { NOOP: {} as VerbHandler<'NOOP'> },
    }).catch((e: unknown) => e);
    expect(hasErrorCode(error, ERROR_CODES.config)).toBe(true);
  });
});
