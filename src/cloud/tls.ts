import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { generateSelfSignedCertificate } from '../tls/self-signed-certificate';
import { PRIVATE_DIRECTORY_MODE, writePrivateFileAtomically } from './private-files';

/** In the data directory: the certificate clients trust (pass it as their CA), and its private key; both 0600. */
export const TLS_CERT_FILE_NAME = 'tls-cert.pem';
export const TLS_KEY_FILE_NAME = 'tls-key.pem';

/** `true`: a self-signed certificate in the data directory (or in memory without one); or where to keep it. */
export type LocalCloudTlsOption = boolean | { readonly certPath?: string; readonly keyPath?: string };

/** A year: long enough that a trusted certificate keeps working across many restarts. */
const LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;
/** A certificate that expires sooner than this is replaced at start-up rather than failing mid-session. */
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

export interface TlsMaterial {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** Where the certificate is on disk; undefined for an in-memory cloud without paths. */
  readonly certPath: string | undefined;
}

/** A certificate or key file given by path that cannot be used; the cloud does not overwrite it. */
export class TlsCertificateError extends Error {
  readonly code = 'tls_certificate_unusable';

  constructor(message: string) {
    super(message);
    this.name = 'TlsCertificateError';
  }
}

/**
 * The certificate the cloud serves. An existing pair is reused, so a client that trusts it keeps trusting
 * it across restarts, as long as the key matches, it covers the host and it is not about to expire. Else a
 * new one is generated (SAN `localhost`, `127.0.0.1`, `::1` and the listen host) and written, the key
 * first, each 0600 through an exclusive temporary file and a rename, so a reader never sees half a file.
 * Files at paths the caller chose are never overwritten when they exist but cannot be used.
 */
export function resolveTlsMaterial(
  option: LocalCloudTlsOption,
  { dataDir, host, now = new Date() }: { dataDir: string | undefined; host: string; now?: Date },
): TlsMaterial {
  const chosen = typeof option === 'object' ? option : {};
  const fallback = (name: string) => (dataDir === undefined ? undefined : path.join(dataDir, name));
  const certPath = chosen.certPath ?? fallback(TLS_CERT_FILE_NAME);
  const keyPath = chosen.keyPath ?? fallback(TLS_KEY_FILE_NAME);
  const callerChosePaths = chosen.certPath !== undefined || chosen.keyPath !== undefined;

  if (certPath !== undefined && keyPath !== undefined && fs.existsSync(certPath) && fs.existsSync(keyPath)) {
    const existing = {
      certificatePem: fs.readFileSync(certPath, 'utf8'),
      privateKeyPem: fs.readFileSync(keyPath, 'utf8'),
    };
    const problem = unusable(existing, host, now);
    if (problem === undefined) return { ...existing, certPath };
    if (callerChosePaths)
      throw new TlsCertificateError(`The TLS certificate ${certPath} cannot be used: ${problem}.`);
  }

  const generated = generateSelfSignedCertificate({
    commonName: 'LightYear local cloud',
    ...altNames(host),
    lifetimeMs: LIFETIME_MS,
    now,
  });
  if (certPath !== undefined && keyPath !== undefined) {
    writeAtomically(keyPath, generated.privateKeyPem);
    writeAtomically(certPath, generated.certificatePem);
  }
  return { certificatePem: generated.certificatePem, privateKeyPem: generated.privateKeyPem, certPath };
}

function altNames(host: string): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames = ['localhost'];
  const ipAddresses = ['127.0.0.1', '::1'];
  // 0.0.0.0 and :: are not addresses a client connects to.
  if (isIP(host) !== 0 && host !== '0.0.0.0' && host !== '::' && !ipAddresses.includes(host))
    ipAddresses.push(host);
  if (isIP(host) === 0 && !dnsNames.includes(host.toLowerCase())) dnsNames.push(host.toLowerCase());
  return { dnsNames, ipAddresses };
}

/** Why an existing pair cannot be served, or undefined if it can. */
function unusable(
  pair: { certificatePem: string; privateKeyPem: string },
  host: string,
  now: Date,
): string | undefined {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pair.certificatePem);
  } catch {
    return 'it is not a PEM certificate';
  }
  try {
    if (!certificate.checkPrivateKey(createPrivateKey(pair.privateKeyPem)))
      return 'the key does not match it';
  } catch {
    return 'the key is not a PEM private key';
  }
  if (new Date(certificate.validTo).getTime() - now.getTime() < RENEW_BEFORE_MS)
    return 'it expires within a day';
  const covered =
    isIP(host) !== 0
      ? certificate.checkIP(host) !== undefined || host === '0.0.0.0' || host === '::'
      : certificate.checkHost(host) !== undefined;
  if (!covered) return `it does not name ${host}`;
  return undefined;
}

/** Like every file in the data directory: 0600, created exclusively, never through a planted link. */
function writeAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  writePrivateFileAtomically(file, content);
}
