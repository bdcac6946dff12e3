import { connect, createServer, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LineFramer } from '../../harness/wire/lines.ts';
import { withTimeout } from '../testing/test-server.ts';
import { SessionInput } from './input.ts';

/** A loopback socket pair: [server side, client side]. */
async function socketPair(): Promise<[Socket, Socket]> {
  const server = createServer();
  onTestFinished(() => {
    server.close();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  const client = connect(port, '127.0.0.1');
  const side = await withTimeout(accepted, 5000, 'accept');
  onTestFinished(() => {
    client.destroy();
    side.destroy();
  });
  return [side, client];
}

describe('SessionInput', () => {
  // Why this test? A client streaming garbage must not grow server memory: the input
  // pauses the socket at its high-water mark and the framer keeps at most one line.
  it('stays bounded while a client streams megabytes without a line end', async () => {
    const [serverSide, client] = await socketPair();
    const highWater = 64 * 1024;
    const input = new SessionInput(highWater);
    input.attach(serverSide);
    const garbage = Buffer.alloc(4 * 1024 * 1024, 0x41);
    client.write(garbage);
    client.write('\r\nNOOP\r\n');
    await withTimeout(
      (async () => {
        while (!serverSide.isPaused()) await new Promise((resolve) => setTimeout(resolve, 5));
      })(),
      5000,
      'pause at high water',
    );
    // One chunk may land on top of the high-water mark before the pause takes effect.
    expect(input.buffered).toBeLessThan(highWater + 256 * 1024);
    const framer = new LineFramer({ maxLineLength: 512, mode: 'strict' });
    const first = await input.readLine(framer, 10_000);
    expect(first).toMatchObject({ kind: 'too-long', dropped: garbage.length + 2 });
    expect(framer.pending).toBe(0);
    const second = await input.readLine(framer, 5000);
    expect(second).toMatchObject({ kind: 'line', bytes: Buffer.from('NOOP') });
  });

  it('hands out raw octets after a line without consuming past it', async () => {
    const [serverSide, client] = await socketPair();
    const input = new SessionInput();
    input.attach(serverSide);
    client.write('BDAT 5\r\nab\ncdNOOP\r\n');
    const framer = new LineFramer({ maxLineLength: 512, mode: 'strict' });
    expect(await input.readLine(framer, 5000)).toMatchObject({ kind: 'line' });
    const chunk = await input.readChunk(5, 5000);
    expect(Buffer.isBuffer(chunk) && chunk.toString('latin1')).toBe('ab\ncd');
    const next = await input.readLine(framer, 5000);
    expect(typeof next === 'object' && next.kind === 'line' && next.bytes.toString()).toBe('NOOP');
  });

  it('reports a bare LF inside a line instead of ending the line there', async () => {
    const [serverSide, client] = await socketPair();
    const input = new SessionInput();
    input.attach(serverSide);
    client.write('NOOP\nRSET\r\n');
    const line = await input.readLine(new LineFramer({ maxLineLength: 512, mode: 'strict' }), 5000);
    expect(line).toMatchObject({ kind: 'line', issues: [{ kind: 'bare-lf', offset: 4 }] });
  });

  it('times out a line that never ends, and reports eof', async () => {
    const [serverSide, client] = await socketPair();
    const input = new SessionInput();
    input.attach(serverSide);
    client.write('NOOP');
    const framer = new LineFramer({ maxLineLength: 512, mode: 'strict' });
    expect(await input.readLine(framer, 100)).toBe('timeout');
    client.end();
    expect(await input.readLine(framer, 5000)).toBe('eof');
  });

  it('can be interrupted while waiting', async () => {
    const [serverSide] = await socketPair();
    const input = new SessionInput();
    input.attach(serverSide);
    const pending = input.readLine(new LineFramer({ maxLineLength: 512, mode: 'strict' }), 5000);
    input.interrupt();
    expect(await pending).toBe('interrupted');
  });
});
