// Why these tests? The STARTTLS command has two paths that campaigns reach only now and
// then: the handshake with plaintext behind it, and a refused STARTTLS whose pipelined
// lines the server runs as ordinary commands. A 10-minute campaign once misread the
// second: after an injected DATA got 354, it waited for replies to lines that were data.
import { createServer } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { DefectName } from '../../fixtures/test-mta/defects/index.ts';
import { TEST_MTA_FUZZ_PROFILE } from '../../fixtures/test-mta/test-mta.ts';
import { SessionDriver } from './driver.ts';
import { initialModel } from './model.ts';
import { CampaignStats } from './stats.ts';
import { driverAfterEhlo, validLine } from './testing/driver-session.ts';

const valid = validLine;
const EHLO = valid('EHLO', `EHLO ${TEST_MTA_FUZZ_PROFILE.helo}`);

const driverFor = (defects: DefectName[] = []) =>
  driverAfterEhlo({ defects, replyTimeoutMs: 1000 });

describe('SessionDriver.startTls', () => {
  it('refused inside a transaction: the pipelined lines are commands until a 354', async () => {
    const { driver, model } = await driverFor();
    await driver.line(model, valid('MAIL', `MAIL FROM:<${TEST_MTA_FUZZ_PROFILE.from}>`));
    await driver.line(model, valid('RCPT', `RCPT TO:<${TEST_MTA_FUZZ_PROFILE.recipients[0]}>`));
    const injected = [
      valid('DATA', 'DATA'),
      valid('MAIL', `MAIL FROM:<${TEST_MTA_FUZZ_PROFILE.from}>`),
    ];
    await driver.startTls(model, injected, EHLO);
    expect(model).toMatchObject({ state: 'data', tls: false });
    // The MAIL line was mail data: ending the data gets the one reply still due.
    await driver.finish(model);
    expect(model.state).toBe('closed');
  });

  it('accepted: TLS is up, the model starts over, and the injected NOOP got no reply', async () => {
    const { driver, model } = await driverFor();
    await driver.startTls(model, [valid('NOOP', 'NOOP')], EHLO);
    expect(driver.session.tls).toBeDefined();
    expect(model).toMatchObject({ state: 'helo', tls: true, starttls: false });
    await driver.finish(model);
  });

  it('a server that answers the injected line inside TLS is a starttls-injection finding', async () => {
    const { driver, model } = await driverFor(['rfc3207-plaintext-kept']);
    await expect(driver.startTls(model, [valid('NOOP', 'NOOP')], EHLO)).rejects.toMatchObject({
      kind: 'starttls-injection',
      message: expect.stringMatching(/RFC 3207 §4\.2/),
    });
  });

  it('a 220 and then plaintext is a tls finding that names what the server sent', async () => {
    // A server that says 220 to STARTTLS and then keeps talking plaintext.
    const server = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.write('220 broken.test ESMTP\r\n');
      socket.on('data', (chunk: Buffer) => {
        const text = chunk.toString('latin1');
        if (text.startsWith('EHLO')) socket.write('250-broken.test\r\n250 STARTTLS\r\n');
        else if (text.startsWith('STARTTLS')) socket.write('220 go ahead\r\n');
        else socket.end('500 this is not TLS\r\n');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    const driver = await SessionDriver.open({
      host: '127.0.0.1',
      port: address.port,
      replyTimeoutMs: 1000,
      lenient: false,
      stats: new CampaignStats(),
    });
    if (driver === undefined) throw new Error('no 220 greeting');
    onTestFinished(() => driver.session.close());
    const model = initialModel();
    await driver.line(model, EHLO);
    // Why this message? A `tls` finding once blamed "plaintext pipelined behind STARTTLS"
    // where the server had simply sent garbage: the message says what was observed.
    await expect(driver.startTls(model, [valid('NOOP', 'NOOP')], EHLO)).rejects.toMatchObject({
      kind: 'tls',
      message: expect.stringMatching(
        /^reply to STARTTLS with 1 line\(s\) pipelined behind it: 220, then the server answered the TLS ClientHello with octets that are not TLS \(/,
      ),
    });
  });
});

// Why this test? A run past its time budget stops before QUIT goes out, yet the driver
// went on to wait for the server's close after 221: against Postfix's error tarpit, three
// false `hang ... then QUIT` findings in a ten-minute campaign.
describe('SessionDriver.finish past the run budget', () => {
  it('sends no QUIT and expects no close', async () => {
    // A tarpit: HELP is answered one line every 500 ms (never silent past the timeout),
    // so the run is past its budget when HELP's reply is complete.
    const server = createServer((socket) => {
      socket.on('error', () => {});
      socket.write('220 slow.test ESMTP\r\n');
      socket.on('data', () => {
        let line = 0;
        const timer = setInterval(() => {
          line += 1;
          if (!socket.writable || line > 12) return void clearInterval(timer);
          socket.write(line < 12 ? '214-help\r\n' : '214 end\r\n');
        }, 500);
        socket.on('close', () => clearInterval(timer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const address = server.address() as { port: number };
    const driver = await SessionDriver.open({
      host: '127.0.0.1',
      port: address.port,
      replyTimeoutMs: 1000,
      lenient: true,
      stats: new CampaignStats(),
    });
    if (driver === undefined) throw new Error('no 220 greeting');
    onTestFinished(() => driver.session.close());
    const model = initialModel();
    // Budget: max(5 s, 5 x 1000 ms); HELP's reply takes 6 s.
    await driver.line(model, valid('HELP', 'HELP'));
    await driver.finish(model);
    expect(driver.executed.some((c) => c.startsWith('QUIT'))).toBe(false);
    expect(driver.steps.some((s) => s.kind === 'expectClose')).toBe(false);
  }, 20_000);
});
