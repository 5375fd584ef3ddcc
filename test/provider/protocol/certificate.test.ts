import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { generateServerCertificate } from '../../../src/provider/protocol/certificate';

/**
 * OpenSSL tolerates a non-minimal INTEGER but Go (Terraform) does not, so the serial's encoding is checked
 * byte by byte: Certificate SEQUENCE, TBSCertificate SEQUENCE, [0] version (a0 03 02 01 02), then the serial.
 */
function expectMinimalSerial(certificate: Uint8Array): void {
  const skipHeader = (offset: number): number => {
    const lengthByte = certificate[offset + 1] ?? 0;
    return offset + 2 + (lengthByte >= 0x80 ? lengthByte - 0x80 : 0);
  };
  const tbsStart = skipHeader(0);
  const serialTag = skipHeader(tbsStart) + 5;
  expect(certificate[serialTag]).toBe(0x02);
  const length = certificate[serialTag + 1] ?? 0;
  const first = certificate[serialTag + 2] ?? 0;
  const second = certificate[serialTag + 3] ?? 0;
  expect(length).toBeLessThanOrEqual(17);
  if (first === 0x00) expect(second).toBeGreaterThanOrEqual(0x80);
  else expect(first).toBeLessThan(0x80);
}

describe('generateServerCertificate', () => {
  const now = new Date('2030-06-01T12:00:00Z');

  it('is a self-signed P-256 CA for localhost, valid from 30 s ago for a day', () => {
    const generated = generateServerCertificate(now);
    const certificate = new X509Certificate(generated.certificatePem);

    expect(certificate.subjectAltName).toBe('DNS:localhost');
    expect(certificate.ca).toBe(true);
    expect(certificate.subject).toBe('CN=localhost');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(new Date(certificate.validFrom).getTime()).toBe(now.getTime() - 30_000);
    expect(new Date(certificate.validTo).getTime()).toBe(now.getTime() + 24 * 3600 * 1000);
    expect(certificate.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
    expect(certificate.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.checkIssued(certificate)).toBe(true);
  });

  it('carries the DER it reports, and a private key matching its public key', () => {
    const generated = generateServerCertificate();
    const certificate = new X509Certificate(Buffer.from(generated.der));
    expect(certificate.raw).toEqual(Buffer.from(generated.der));
    const fromPrivate = createPublicKey(createPrivateKey(generated.privateKeyPem)).export({
      type: 'spki',
      format: 'der',
    });
    expect(certificate.publicKey.export({ type: 'spki', format: 'der' })).toEqual(fromPrivate);
  });

  it('parses every time across 500 random serials and keys (minimal DER INTEGERs)', () => {
    const started = performance.now();
    for (let i = 0; i < 500; i++) {
      const generated = generateServerCertificate();
      const certificate = new X509Certificate(Buffer.from(generated.der));
      expect(certificate.verify(certificate.publicKey)).toBe(true);
      expectMinimalSerial(generated.der);
    }
    const perCertificateMs = (performance.now() - started) / 500;
    // Reported for the record; generous bound so a loaded CI machine does not flake.
    console.log(`certificate generation + parse + verify: ${perCertificateMs.toFixed(2)} ms each`);
    expect(perCertificateMs).toBeLessThan(20);
  });
});
