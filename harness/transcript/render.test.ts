import { describe, expect, it } from 'vitest';
import { renderTranscript } from './render.ts';
import { Transcript } from './transcript.ts';

/** A transcript on a fake clock: `at(ms)` sets the time of the next event. */
function fakeTranscript(options: ConstructorParameters<typeof Transcript>[0] = {}) {
  let now = 1000;
  const transcript = new Transcript({
    label: 'rfc5321/4.1.4/rcpt-before-mail',
    startedAt: new Date('2026-11-28T16:00:00.000Z'),
    now: () => now,
    ...options,
  });
  const at = (ms: number) => {
    now = 1000 + ms;
  };
  return { transcript, at };
}

describe('renderTranscript', () => {
  // Why this test? design.md fixes this format byte for byte; other tools parse it.
  it('renders the design.md example exactly (golden)', () => {
    const { transcript, at } = fakeTranscript();
    at(0);
    transcript.connect('127.0.0.1:2525');
    at(3);
    transcript.server(Buffer.from('220 mx.example ESMTP\r\n'));
    at(4);
    transcript.client(Buffer.from('RCPT TO:<alice@example.test>\r\n'));
    at(5);
    transcript.server(Buffer.from('503 5.5.1 Bad sequence of commands\r\n'));
    at(6);
    transcript.close('client');
    expect(renderTranscript(transcript)).toBe(
      [
        '# rfc5321/4.1.4/rcpt-before-mail  target 127.0.0.1:2525  2026-11-28T16:00:00.000Z',
        '[   0.000] connect 127.0.0.1:2525',
        '[   0.003] S: 220 mx.example ESMTP\\r\\n',
        '[   0.004] C: RCPT TO:<alice@example.test>\\r\\n',
        '[   0.005] S: 503 5.5.1 Bad sequence of commands\\r\\n',
        '[   0.006] close by client',
        '',
      ].join('\n'),
    );
  });

  it('renders every other event kind on one line each (golden)', () => {
    const { transcript, at } = fakeTranscript({ label: 'x/1/y', target: '[::1]:25' });
    at(1234.5678);
    transcript.tls({
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      authorized: false,
      authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      peerCertificate: {
        subject: 'CN=localhost',
        issuer: 'CN=localhost',
        validFrom: 'Nov 28 16:00:00 2026 GMT',
        validTo: 'Nov 29 16:00:00 2026 GMT',
        fingerprint256: 'AB:CD',
      },
    });
    at(99_999.9999);
    transcript.timeout('reply to RCPT', 10000);
    transcript.error('SMTPSPEC_ERR_RESET', 'reset\r\nby peer');
    transcript.note('pipelined \x00 batch');
    transcript.close('reset');
    expect(renderTranscript(transcript).split('\n')).toEqual([
      '# x/1/y  target [::1]:25  2026-11-28T16:00:00.000Z',
      '[   1.235] tls TLSv1.3 TLS_AES_256_GCM_SHA384 subject "CN=localhost" issuer "CN=localhost" ' +
        'valid Nov 28 16:00:00 2026 GMT to Nov 29 16:00:00 2026 GMT sha256 AB:CD ' +
        'unverified (DEPTH_ZERO_SELF_SIGNED_CERT)',
      '[ 100.000] timeout after 10000 ms waiting for reply to RCPT',
      '[ 100.000] error SMTPSPEC_ERR_RESET: reset\\r\\nby peer',
      '[ 100.000] note pipelined \\x00 batch',
      '[ 100.000] close by reset',
      '',
    ]);
  });

  it('shows split client writes as separate C: lines and escapes control octets', () => {
    const { transcript } = fakeTranscript();
    transcript.client(Buffer.from('DATA\r'));
    transcript.client(Buffer.from('\n'));
    transcript.client(Buffer.from([0x00, 0xff, 0x5c, 0x7f]));
    const lines = renderTranscript(transcript).split('\n').slice(1, 4);
    expect(lines.map((l) => l.slice(11))).toEqual([
      'C: DATA\\r',
      'C: \\n',
      'C: \\x00\\xff\\\\\\x7f',
    ]);
  });

  it('renders one S: line per received line, and a new line at each read boundary', () => {
    const { transcript } = fakeTranscript();
    transcript.server(Buffer.from('250-one\r\n250-tw'));
    transcript.server(Buffer.from('o\r\n250 three\n'));
    const lines = renderTranscript(transcript)
      .split('\n')
      .slice(1, -1)
      .map((l) => l.slice(11));
    expect(lines).toEqual(['S: 250-one\\r\\n', 'S: 250-tw', 'S: o\\r\\n', 'S: 250 three\\n']);
  });

  it('elides the middle of a long event, naming the octet count', () => {
    const { transcript } = fakeTranscript();
    const big = Buffer.concat([
      Buffer.alloc(1024, 'a'),
      Buffer.alloc(5000, 'm'),
      Buffer.from('zz'),
    ]);
    transcript.client(big);
    const line = renderTranscript(transcript).split('\n')[1] ?? '';
    expect(line).toBe(
      `[   0.000] C: ${'a'.repeat(1024)}... 3978 octets elided ...${'m'.repeat(1022)}zz`,
    );
  });

  it('leaves out an unknown label and target from the header', () => {
    const transcript = new Transcript({ startedAt: new Date(0) });
    expect(renderTranscript(transcript)).toBe('# 1970-01-01T00:00:00.000Z\n');
  });
});
