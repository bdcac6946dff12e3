// Why these tests? A fuzz campaign against a server one does not operate is an attack:
// smtpspec refuses it without --remote-ok, and decides before any connection, so this
// test sends nothing anywhere (192.0.2.1 is TEST-NET-1, RFC 5737, and is never dialled).
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fuzzMain, readFuzzArgs } from './fuzz-command.ts';
import { captureIo } from './testing/capture-io.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('fuzz against a target that is not on this machine', () => {
  it.each([['192.0.2.1:25'], ['mx.example.test:25'], ['[2001:db8::1]:25']])(
    'refuses %s without --remote-ok: one line, exit 2, no connection',
    async (target) => {
      const connect = vi.spyOn(net.Socket.prototype, 'connect');
      const io = captureIo();
      expect(await fuzzMain(['--target', target, '--runs', '10'], io)).toBe(2);
      expect(io.err).toBe(
        `smtpspec: --target ${target} is not on this machine: a fuzz campaign against a server you do not operate is an attack; add --remote-ok if you operate it (see smtpspec fuzz --help)\n`,
      );
      expect(io.out).toBe('');
      expect(connect).not.toHaveBeenCalled();
    },
  );

  it('accepts it with --remote-ok (arguments only: nothing is started here)', () => {
    const args = readFuzzArgs(['--target', '192.0.2.1:25', '--remote-ok', '--runs', '10']);
    expect(args.target).toEqual({ host: '192.0.2.1', port: 25 });
  });

  it.each([['127.0.0.1:2525'], ['[::1]:2525'], ['localhost:2525']])(
    'needs no --remote-ok for %s',
    (target) => {
      expect(() => readFuzzArgs(['--target', target])).not.toThrow();
    },
  );
});
