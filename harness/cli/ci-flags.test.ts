// Why these tests? The container, shard and baseline flags are checked before anything
// starts, so a typo in a CI workflow costs one clear line, not a Docker start.
import { describe, expect, it } from 'vitest';
import { readRunArgs } from './args.ts';

describe('run flags for CI', () => {
  it('reads a container with port, env and startup timeout', () => {
    const args = readRunArgs([
      '--container',
      'my-mta:ci',
      '--port',
      '2525',
      '--env',
      'MTA_DOMAIN=example.test',
      '--env',
      'EXTRA=a=b',
      '--startup-timeout-ms',
      '30000',
      '--shard',
      '2/4',
      '--baseline',
      'known.json',
    ]);
    expect(args.container).toEqual({
      image: 'my-mta:ci',
      port: 2525,
      env: { MTA_DOMAIN: 'example.test', EXTRA: 'a=b' },
      startupTimeoutMs: 30000,
    });
    expect(args.target).toBeUndefined();
    expect(args.shard).toEqual({ index: 2, count: 4 });
    expect(args.baseline).toBe('known.json');
  });

  it('reads --dockerfile, and TLS from the first byte with a container', () => {
    const args = readRunArgs(['--dockerfile', './mta', '--tls', 'implicit', '--port', '465']);
    expect(args.container).toEqual({ dockerfile: './mta', port: 465, env: {} });
    expect(args.tls).toBe('implicit');
  });

  it('has none of them by default', () => {
    const args = readRunArgs([]);
    expect([args.container, args.shard, args.baseline]).toEqual([undefined, undefined, undefined]);
  });

  it.each([
    [['--port', '25'], '--port needs --container or --dockerfile'],
    [['--env', 'A=1'], '--env needs --container or --dockerfile'],
    [
      ['--container', 'a', '--dockerfile', 'b'],
      'give --container IMAGE or --dockerfile DIR, not both',
    ],
    [
      ['--container', 'a', '--target', '127.0.0.1:25'],
      '--target and --container/--dockerfile exclude each other',
    ],
    [['--container', 'a', '--port', '0'], '--port: port 0 is not in 1-65535'],
    [
      ['--container', 'a', '--env', 'NOVALUE'],
      "--env: expected NAME=VALUE with NAME like MTA_DOMAIN, got 'NOVALUE'",
    ],
    [
      ['--container', 'a', '--env', '1X=2'],
      "--env: expected NAME=VALUE with NAME like MTA_DOMAIN, got '1X=2'",
    ],
    [['--container', 'a', '--env', 'A=1', '--env', 'A=2'], '--env: A is given twice'],
    [['--container', 'bad image'], "--container: 'bad image' is not an image reference"],
    [
      ['--container', 'a', '--startup-timeout-ms', '5'],
      '--startup-timeout-ms: expected an integer from 1000',
    ],
    [['--shard', '5/4'], '--shard: the shard index must be 1-4, got 5'],
    [['--baseline', ''], '--baseline: expected a results.json file'],
    [['--tls', 'implicit'], '--tls implicit needs --target'],
  ])('refuses %j with one line', (argv, message) => {
    expect(() => readRunArgs(argv)).toThrow(message);
  });
});
