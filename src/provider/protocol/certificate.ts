/**
 * The fresh self-signed server certificate of go-plugin's AutoMTLS. Terraform pins exactly the certificate
 * we print in the handshake line, and Go verifies it as its own root, so it must be a CA (basicConstraints
 * CA:TRUE), carry SAN DNS:localhost (Go rejects CN-only certificates) and allow both TLS roles.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

import * as der from './der';

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** KeyUsage bit numbers (RFC 5280 §4.2.1.3). */
const KEY_USAGE = { digitalSignature: 0, keyCertSign: 5 } as const;

/** Backdated so a client clock a little behind ours still accepts it; a day outlives any Terraform run. */
const NOT_BEFORE_SKEW_MS = 30_000;
const LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface ServerCertificate {
  /** The certificate's DER: its unpadded base64 is the handshake line's last field. */
  readonly der: Uint8Array;
  readonly certificatePem: string;
  /** PKCS#8 PEM of the certificate's P-256 private key. */
  readonly privateKeyPem: string;
}

export function generateServerCertificate(now: Date = new Date()): ServerCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const signatureAlgorithm = der.sequence(der.oid(OID.ecdsaWithSha256));
  const name = der.sequence(der.set(der.sequence(der.oid(OID.commonName), der.utf8String('localhost'))));

  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f; // positive, as RFC 5280 requires; minimal encoding handles the rest

  const extension = (id: string, critical: boolean, value: Uint8Array): Uint8Array =>
    critical
      ? der.sequence(der.oid(id), der.boolean(true), der.octetString(value))
      : der.sequence(der.oid(id), der.octetString(value));

  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)), // X.509 v3
    der.unsignedInteger(serial),
    signatureAlgorithm,
    name,
    der.sequence(
      der.time(new Date(now.getTime() - NOT_BEFORE_SKEW_MS)),
      der.time(new Date(now.getTime() + LIFETIME_MS)),
    ),
    name,
    new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    der.explicit(
      3,
      der.sequence(
        extension(OID.basicConstraints, true, der.sequence(der.boolean(true))),
        extension(OID.keyUsage, true, der.namedBits([KEY_USAGE.digitalSignature, KEY_USAGE.keyCertSign])),
        extension(OID.extKeyUsage, false, der.sequence(der.oid(OID.serverAuth), der.oid(OID.clientAuth))),
        extension(
          OID.subjectAltName,
          false,
          der.sequence(der.implicitPrimitive(2, new Uint8Array(Buffer.from('localhost', 'ascii')))),
        ),
      ),
    ),
  );

  // Node signs EC keys as a DER ECDSA-Sig-Value by default, which is what X.509 carries.
  const signature = sign('sha256', tbs, privateKey);
  const certificate = der.sequence(tbs, signatureAlgorithm, der.bitString(new Uint8Array(signature)));

  return {
    der: certificate,
    certificatePem: toPem('CERTIFICATE', certificate),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}

function toPem(label: string, bytes: Uint8Array): string {
  const base64 = Buffer.from(bytes).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
