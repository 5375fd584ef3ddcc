/**
 * A fresh self-signed X.509 certificate (ECDSA P-256) that clients trust by pinning it as their CA: the
 * provider's go-plugin AutoMTLS and the local cloud's HTTPS both use it. It is a CA (basicConstraints
 * CA:TRUE) so Go and OpenSSL accept it as its own root, names its hosts in subjectAltName (Go rejects
 * CN-only certificates), and allows both TLS roles.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

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

/** GeneralName choices (RFC 5280 §4.2.1.6). */
const GENERAL_NAME = { dNSName: 2, iPAddress: 7 } as const;

/** Backdated so a client clock a little behind ours still accepts it. */
const NOT_BEFORE_SKEW_MS = 30_000;

export interface SelfSignedCertificateOptions {
  /** Subject and issuer common name. */
  readonly commonName: string;
  /** subjectAltName DNS names, e.g. `localhost`. */
  readonly dnsNames?: readonly string[];
  /** subjectAltName IP addresses (IPv4 or IPv6 literals), e.g. `127.0.0.1`. */
  readonly ipAddresses?: readonly string[];
  /** How long it is valid after `now` (it is also valid from 30 s before `now`). */
  readonly lifetimeMs: number;
  readonly now?: Date;
}

export interface SelfSignedCertificate {
  readonly der: Uint8Array;
  readonly certificatePem: string;
  /** PKCS#8 PEM of the certificate's P-256 private key. */
  readonly privateKeyPem: string;
}

export function generateSelfSignedCertificate(options: SelfSignedCertificateOptions): SelfSignedCertificate {
  const now = options.now ?? new Date();
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const signatureAlgorithm = der.sequence(der.oid(OID.ecdsaWithSha256));
  const name = der.sequence(
    der.set(der.sequence(der.oid(OID.commonName), der.utf8String(options.commonName))),
  );

  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f; // positive, as RFC 5280 requires; minimal encoding handles the rest

  const extension = (id: string, critical: boolean, value: Uint8Array): Uint8Array =>
    critical
      ? der.sequence(der.oid(id), der.boolean(true), der.octetString(value))
      : der.sequence(der.oid(id), der.octetString(value));

  const altNames = [
    ...(options.dnsNames ?? []).map((dns) =>
      der.implicitPrimitive(GENERAL_NAME.dNSName, new Uint8Array(Buffer.from(dns, 'ascii'))),
    ),
    ...(options.ipAddresses ?? []).map((ip) => der.implicitPrimitive(GENERAL_NAME.iPAddress, ipBytes(ip))),
  ];
  if (altNames.length === 0) throw new RangeError('a certificate needs at least one DNS name or IP address');

  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)), // X.509 v3
    der.unsignedInteger(serial),
    signatureAlgorithm,
    name,
    der.sequence(
      der.time(new Date(now.getTime() - NOT_BEFORE_SKEW_MS)),
      der.time(new Date(now.getTime() + options.lifetimeMs)),
    ),
    name,
    new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    der.explicit(
      3,
      der.sequence(
        extension(OID.basicConstraints, true, der.sequence(der.boolean(true))),
        extension(OID.keyUsage, true, der.namedBits([KEY_USAGE.digitalSignature, KEY_USAGE.keyCertSign])),
        extension(OID.extKeyUsage, false, der.sequence(der.oid(OID.serverAuth), der.oid(OID.clientAuth))),
        extension(OID.subjectAltName, false, der.sequence(...altNames)),
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

/** An IP literal as the 4 or 16 network-order bytes an iPAddress GeneralName holds. */
function ipBytes(ip: string): Uint8Array {
  if (isIPv4(ip)) return Uint8Array.from(ip.split('.').map(Number));
  if (!isIPv6(ip)) throw new RangeError(`not an IP address: ${ip}`);
  const [head = '', tail = ''] = ip.includes('::') ? ip.split('::') : [ip, ''];
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const expand = (parts: string[]): number[] =>
    parts.flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number); // an embedded IPv4 tail
      return [(a << 8) | b, (c << 8) | d];
    });
  const left = expand(groups(head));
  const right = expand(groups(tail));
  const words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return Uint8Array.from(words.flatMap((word) => [word >> 8, word & 0xff]));
}

function toPem(label: string, bytes: Uint8Array): string {
  const base64 = Buffer.from(bytes).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
