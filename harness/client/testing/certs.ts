/**
 * A self-signed certificate for `localhost`, made at test time (never committed).
 */
import { generate } from 'selfsigned';

export interface TestCertificate {
  key: string;
  cert: string;
}

let cached: Promise<TestCertificate> | undefined;

/** One certificate per test process, valid for a day. */
export function testCertificate(): Promise<TestCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(Date.now() + 24 * 3600 * 1000);
  // EC keys: an RSA-2048 key costs noticeable CPU on a 2-core machine.
  cached ??= generate([{ name: 'commonName', value: 'localhost' }], {
    notBeforeDate,
    notAfterDate,
    keyType: 'ec',
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return cached;
}
