import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ERROR_CODES, hasErrorCode } from '../harness/errors.ts';
import { DEFAULT_CONFIG, resolveConfig } from './config.ts';
import { loadConfigFile } from './config-file.ts';

function errorOf(run: () => unknown): { message: string; field: string | undefined; code: string } {
  try {
    run();
  } catch (err) {
    if (!hasErrorCode(err, ERROR_CODES.config)) throw err;
    return { message: err.message, field: (err as { field?: string }).field, code: err.code };
  }
  throw new Error('expected a ConfigError');
}

describe('resolveConfig', () => {
  it('fills in the documented defaults', () => {
    const config = resolveConfig({}, { baseDir: '/srv' });
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 2525 });
    expect(config.hostname).toBe('mx.smtpspec.test');
    expect(config.localDomains).toEqual(['smtpspec.test']);
    expect(config.mailboxes).toEqual(['alice', 'bob', 'postmaster']);
    // Why: the suites test relay refusal from loopback, so no network is trusted by default.
    expect(config.relay.clientNetworks).toEqual([]);
    expect(config.limits.maxRecipients).toBe(100);
    expect(config.limits.maxReceivedHeaders).toBe(100);
    expect(config.limits.commandTimeoutMs).toBe(300_000);
    expect(config.dataDir).toBe('/srv/smtpspec-data');
    expect(DEFAULT_CONFIG.limits.maxMessageSize).toBe(10 * 1024 * 1024);
  });

  it('merges nested sections over the defaults', () => {
    const config = resolveConfig({
      limits: { maxErrors: 3 },
      relay: { clientNetworks: ['10.0.0.0/8'] },
    });
    expect(config.limits.maxErrors).toBe(3);
    expect(config.limits.maxRecipients).toBe(100);
    expect(config.relay).toEqual({
      clientNetworks: ['10.0.0.0/8'],
      allowAuthenticated: true,
      domains: [],
    });
  });

  it('derives the per-client connection limit from maxConnections unless it is given', () => {
    expect(resolveConfig({}).limits.maxConnectionsPerClient).toBe(50);
    const small = resolveConfig({ limits: { maxConnections: 20 } });
    expect(small.limits.maxConnectionsPerClient).toBe(20);
    const big = resolveConfig({ limits: { maxConnections: 1001 } });
    expect(big.limits.maxConnectionsPerClient).toBe(501);
    const set = resolveConfig({ limits: { maxConnections: 9, maxConnectionsPerClient: 9 } });
    expect(set.limits.maxConnectionsPerClient).toBe(9);
  });

  it('normalises domains and address literals', () => {
    const config = resolveConfig({ localDomains: ['Example.ORG', '[IPv6:::1]', '[192.0.2.1]'] });
    expect(config.localDomains).toEqual(['example.org', '[IPv6:::1]', '[192.0.2.1]']);
  });

  it.each([
    [{ limits: { maxMessageSize: 0 } }, 'limits.maxMessageSize', 'expected a positive integer'],
    [
      { limits: { maxMessageSize: '10MB' } },
      'limits.maxMessageSize',
      'expected a positive integer',
    ],
    [{ limits: { maxRecipients: 50 } }, 'limits.maxRecipients', 'at least 100'],
    [{ limits: { maxConections: 5 } }, 'limits.maxConections', 'unknown key'],
    [{ listen: { port: 70000 } }, 'listen.port', 'port number'],
    [{ listen: { host: '' } }, 'listen.host', 'non-empty string'],
    [{ hostname: 'bad_host!' }, 'hostname', 'not a domain name'],
    [{ localDomains: 'smtpspec.test' }, 'localDomains', 'list of strings'],
    [{ localDomains: ['ok.test', 'bad..test'] }, 'localDomains[1]', 'not a domain name'],
    [{ mailboxes: ['al ice'] }, 'mailboxes[0]', 'not a local part'],
    [{ mailboxes: ['carol@elsewhere.test'] }, 'mailboxes[0]', 'not in localDomains'],
    [{ relay: { clientNetworks: ['10.0.0.0/33'] } }, 'relay.clientNetworks[0]', 'CIDR'],
    [{ relay: { allowAuthenticated: 'yes' } }, 'relay.allowAuthenticated', 'true or false'],
    [{ routes: { 'example.org': 'mx.example.org' } }, 'routes.example.org', 'host:port'],
    [{ tls: { certFile: 'cert.pem' } }, 'tls.keyFile', 'both'],
    [{ auth: { users: { alice: 7 } } }, 'auth.users.alice', 'non-empty string'],
    [{ queue: { retryBaseMs: 10, retryMaxMs: 5 } }, 'queue.retryMaxMs', 'retryBaseMs'],
    [{ log: { level: 'loud' } }, 'log.level', 'debug, info'],
    [
      { limits: { maxConnections: 10, maxConnectionsPerClient: 11 } },
      'limits.maxConnectionsPerClient',
      'at most limits.maxConnections',
    ],
    [{ limits: { maxLineLength: 998 } }, 'limits.maxLineLength', 'at least 1000'],
    [{ limits: { minDataRate: -1 } }, 'limits.minDataRate', 'an integer >= 0'],
    [{ dsn: { maxReturnedSize: 100 } }, 'dsn.maxReturnedSize', 'an integer >= 1024'],
    [{ dsn: { successNotices: 'yes' } }, 'dsn.successNotices', 'authorised, all, none'],
    [{ colour: 'blue' }, 'colour', 'unknown key'],
  ])('rejects %j naming the key', (input, field, words) => {
    const error = errorOf(() => resolveConfig(input));
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(error.message).toContain(words);
    expect(error.message).not.toContain('\n');
  });

  it('rejects a non-object config', () => {
    expect(errorOf(() => resolveConfig([1, 2])).field).toBe('config');
  });
});

describe('loadConfigFile', () => {
  async function tempFile(name: string, text: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'smtpspec-config-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }

  it('reads YAML, resolving relative paths against the file', async () => {
    const path = await tempFile(
      'mta.yaml',
      'hostname: mx.example.test\ndataDir: data\nlimits:\n  maxErrors: 5\n',
    );
    const config = await loadConfigFile(path);
    expect(config.hostname).toBe('mx.example.test');
    expect(config.limits.maxErrors).toBe(5);
    expect(config.dataDir).toBe(join(path, '..', 'data'));
  });

  it('reads JSON', async () => {
    const path = await tempFile('mta.json', JSON.stringify({ listen: { port: 0 } }));
    expect((await loadConfigFile(path)).listen.port).toBe(0);
  });

  it('treats an empty YAML file as all defaults', async () => {
    const path = await tempFile('empty.yaml', '');
    expect((await loadConfigFile(path)).hostname).toBe('mx.smtpspec.test');
  });

  it.each([
    ['broken.json', '{"listen": ', 'not valid JSON'],
    ['broken.yaml', 'limits: [1, 2\n', 'not valid YAML'],
    ['bad.yaml', 'limits:\n  maxErrors: -1\n', 'limits.maxErrors: expected a positive integer'],
  ])('gives a one-line ConfigError for %s', async (name, text, words) => {
    const path = await tempFile(name, text);
    const error = await loadConfigFile(path).catch((err: unknown) => err);
    expect(hasErrorCode(error, ERROR_CODES.config)).toBe(true);
    expect((error as Error).message).toContain(words);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reports a missing file', async () => {
    const error = await loadConfigFile('/nonexistent/smtpspec.yaml').catch((err: unknown) => err);
    expect(hasErrorCode(error, ERROR_CODES.config)).toBe(true);
    expect((error as Error).message).toContain('cannot read /nonexistent/smtpspec.yaml');
  });
});
