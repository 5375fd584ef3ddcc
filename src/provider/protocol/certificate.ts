/**
 * The fresh self-signed server certificate of go-plugin's AutoMTLS. Terraform pins exactly the certificate
 * we print in the handshake line, and Go verifies it as its own root; src/tls makes it a CA with SAN
 * DNS:localhost that allows both TLS roles, as Go requires.
 */
import { generateSelfSignedCertificate, type SelfSignedCertificate } from '../../tls/self-signed-certificate';

/** A day outlives any Terraform run. */
const LIFETIME_MS = 24 * 60 * 60 * 1000;

/** `der`: its unpadded base64 is the handshake line's last field. */
export type ServerCertificate = SelfSignedCertificate;

export function generateServerCertificate(now: Date = new Date()): ServerCertificate {
  return generateSelfSignedCertificate({
    commonName: 'localhost',
    dnsNames: ['localhost'],
    lifetimeMs: LIFETIME_MS,
    now,
  });
}
