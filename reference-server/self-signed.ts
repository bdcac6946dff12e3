/**
 * A self-signed X.509 v3 certificate (RFC 5280 §4.1) for STARTTLS when no certificate is
 * configured: an ECDSA P-256 key from node:crypto, the certificate DER-encoded here (X.690)
 * and signed with ecdsa-with-SHA256 (RFC 5758 §3.2). Written out rather than taken from a
 * certificate library: those cost the server some 17 MB of memory for one certificate.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/** DER tag numbers used here (X.690 §8). */
const TAG = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  utcTime: 0x17,
  generalizedTime: 0x18,
} as const;

/** X.690 §8.1: tag, definite length (short or long form), content. */
function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const octets: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) octets.unshift(v % 256);
    length = Buffer.from([0x80 | octets.length, ...octets]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...items: Buffer[]) => tlv(TAG.sequence, Buffer.concat(items));

/** X.690 §8.19: an OBJECT IDENTIFIER from its dotted form. */
function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [40 * (arcs[0] ?? 0) + (arcs[1] ?? 0)];
  for (const arc of arcs.slice(2)) {
    const base128: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128))
      base128.unshift(0x80 | (v & 0x7f));
    out.push(...base128);
  }
  return tlv(TAG.oid, Buffer.from(out));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  return date.getUTCFullYear() < 2050
    ? tlv(TAG.utcTime, Buffer.from(`${iso.slice(2)}Z`, 'latin1'))
    : tlv(TAG.generalizedTime, Buffer.from(`${iso}Z`, 'latin1'));
}

/** A Name of one commonName (RFC 5280 §4.1.2.4, id-at-commonName 2.5.4.3). */
function commonName(value: string): Buffer {
  return seq(tlv(TAG.set, seq(oid('2.5.4.3'), tlv(TAG.utf8String, Buffer.from(value, 'utf8')))));
}

/** subjectAltName with one dNSName (RFC 5280 §4.2.1.6: [2] IMPLICIT IA5String). */
function subjectAltName(hostname: string): Buffer {
  const names = seq(tlv(0x82, Buffer.from(hostname, 'latin1')));
  return seq(oid('2.5.29.17'), tlv(TAG.octetString, names));
}

/** PEM (RFC 7468): base64 in 64-character lines between the labels. */
function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** A key and a self-signed certificate for `hostname`, valid from now for `days` days. */
export function selfSignedCertificate(
  hostname: string,
  days: number,
  now: Date = new Date(),
): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // RFC 5280 §4.1.2.2: a positive serial of at most 20 octets.
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const name = commonName(hostname);
  const tbs = seq(
    tlv(0xa0, tlv(TAG.integer, Buffer.from([2]))), // [0] EXPLICIT version v3
    tlv(TAG.integer, serial),
    ecdsaWithSha256,
    name,
    seq(time(now), time(new Date(now.getTime() + days * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(subjectAltName(hostname))), // [3] EXPLICIT extensions
  );
  // node:crypto signs ECDSA as the DER Ecdsa-Sig-Value the certificate carries (RFC 5758 §3.2).
  const signature = sign('sha256', tbs, privateKey);
  const cert = seq(
    tbs,
    ecdsaWithSha256,
    tlv(TAG.bitString, Buffer.concat([Buffer.from([0]), signature])),
  );
  return {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: pem('CERTIFICATE', cert),
  };
}
