/**
 * The server's TLS key and certificate for STARTTLS (RFC 3207): read from the configured
 * files, or a self-signed certificate for `hostname` made at the first STARTTLS.
 */
import { readFile } from 'node:fs/promises';
import type { SecureContext } from 'node:tls';
import { ConfigError, describeError } from '../harness/errors.ts';
import type { ServerConfig } from './config.ts';
import { selfSignedCertificate } from './self-signed.ts';
import type { ServerTls } from './session/tls-upgrade.ts';

/** PEM key and certificate. */
export interface TlsMaterial {
  key: string;
  cert: string;
  /** True when generated here (no files configured). */
  selfSigned: boolean;
}

/** Generated certificates per hostname: tests start many servers, one key pair is enough. */
const generated = new Map<string, Promise<TlsMaterial>>();

/** Loads the configured key and certificate, or generates a self-signed pair for `hostname`. */
export async function loadTlsMaterial(
  config: Pick<ServerConfig, 'tls' | 'hostname'>,
): Promise<TlsMaterial> {
  const { certFile, keyFile } = config.tls;
  if (certFile !== undefined && keyFile !== undefined) {
    const [cert, key] = await Promise.all([
      readPem(certFile, 'tls.certFile'),
      readPem(keyFile, 'tls.keyFile'),
    ]);
    return { key, cert, selfSigned: false };
  }
  let pending = generated.get(config.hostname);
  if (pending === undefined) {
    pending = generateSelfSigned(config.hostname);
    generated.set(config.hostname, pending);
  }
  return pending;
}

async function generateSelfSigned(hostname: string): Promise<TlsMaterial> {
  const { key, cert } = selfSignedCertificate(hostname, 365);
  return { key, cert, selfSigned: true };
}

async function readPem(path: string, key: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read ${path}: ${describeError(err)}`, key);
  }
}

/**
 * A secure context for the material; a bad key or certificate is a `ConfigError`. `node:tls`
 * is loaded here, on first use, not when this module is (see {@link serverTls}).
 */
export async function createServerSecureContext(material: TlsMaterial): Promise<SecureContext> {
  return (await serverTlsOf(material)).secureContext;
}

async function serverTlsOf(material: TlsMaterial): Promise<ServerTls> {
  const { createSecureContext, TLSSocket } = await import('node:tls');
  try {
    const secureContext = createSecureContext({
      key: material.key,
      cert: material.cert,
      minVersion: 'TLSv1.2',
    });
    return { secureContext, TLSSocket };
  } catch (err) {
    throw new ConfigError(`unusable key or certificate: ${describeError(err)}`, 'tls');
  }
}

/**
 * The server's TLS for STARTTLS, as a function the first STARTTLS calls. Configured files are
 * read and checked now (a bad key or certificate stops the start with a `ConfigError`); a
 * self-signed certificate is made at the first STARTTLS, not at start: until then neither it
 * nor `node:tls` costs memory (about 4 MiB of RSS, issue 16), and a server whose clients
 * never ask for TLS never makes one.
 */
export async function serverTls(
  config: Pick<ServerConfig, 'tls' | 'hostname'>,
): Promise<() => Promise<ServerTls>> {
  if (config.tls.certFile !== undefined && config.tls.keyFile !== undefined) {
    const ready = await serverTlsOf(await loadTlsMaterial(config));
    return () => Promise.resolve(ready);
  }
  let made: Promise<ServerTls> | undefined;
  return () => {
    made ??= loadTlsMaterial(config).then(serverTlsOf);
    return made;
  };
}
