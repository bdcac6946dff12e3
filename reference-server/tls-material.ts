/**
 * The server's TLS key and certificate for STARTTLS (RFC 3207): read from the configured
 * files, or a self-signed certificate made at start for `hostname`.
 */
import { readFile } from 'node:fs/promises';
import { createSecureContext, type SecureContext } from 'node:tls';
import { ConfigError, describeError } from '../harness/errors.ts';
import type { ServerConfig } from './config.ts';
import { selfSignedCertificate } from './self-signed.ts';

/** PEM key and certificate. */
export interface TlsMaterial {
  key: string;
  cert: string;
  /** True when generated at start (no files configured). */
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

/** A secure context for the material; a bad key or certificate is a `ConfigError`. */
export function createServerSecureContext(material: TlsMaterial): SecureContext {
  try {
    return createSecureContext({ key: material.key, cert: material.cert, minVersion: 'TLSv1.2' });
  } catch (err) {
    throw new ConfigError(`unusable key or certificate: ${describeError(err)}`, 'tls');
  }
}
