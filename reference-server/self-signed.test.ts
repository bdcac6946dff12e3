import { createPrivateKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificate } from './self-signed.ts';
import { startTestServer } from './testing/test-server.ts';

describe('selfSignedCertificate', () => {
  it('is a v3 certificate for the host name, signed by its own key', () => {
    const now = new Date('2026-11-28T16:00:00Z');
    const { key, cert } = selfSignedCertificate('mx.smtpspec.test', 365, now);
    const x509 = new X509Certificate(cert);
    expect(x509.subject).toBe('CN=mx.smtpspec.test');
    expect(x509.issuer).toBe('CN=mx.smtpspec.test');
    expect(x509.subjectAltName).toBe('DNS:mx.smtpspec.test');
    expect(new Date(x509.validFrom).toISOString()).toBe('2026-11-28T16:00:00.000Z');
    expect(new Date(x509.validTo).toISOString()).toBe('2027-11-28T16:00:00.000Z');
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(x509.checkHost('mx.smtpspec.test')).toBe('mx.smtpspec.test');
  });

  it('encodes a notAfter from 2050 on as GeneralizedTime', () => {
    const { cert } = selfSignedCertificate('a.test', 365, new Date('2049-12-01T00:00:00Z'));
    expect(new Date(new X509Certificate(cert).validTo).getUTCFullYear()).toBe(2050);
  });

  it('serves STARTTLS with it when no certificate is configured', async () => {
    const t = await startTestServer();
    const client = await t.connectEhlo();
    const started = await client.startTls();
    expect(started.reply.code).toBe(220);
    expect(started.tls?.peerCertificate?.subject).toBe('CN=mx.smtpspec.test');
    await client.close();
  });
});
