import { X509Certificate } from 'node:crypto';
import { generateSelfSignedCertificate } from '../../src/tls/self-signed-certificate';

describe('generateSelfSignedCertificate', () => {
  const now = new Date('2030-06-01T12:00:00Z');

  it('names DNS names and IPv4 and IPv6 addresses in subjectAltName', () => {
    const generated = generateSelfSignedCertificate({
      commonName: 'test',
      dnsNames: ['localhost', 'cloud.test'],
      ipAddresses: ['127.0.0.1', '::1', '2001:db8::ffff:10.0.0.1', 'fe80:1:2:3:4:5:6:7'],
      lifetimeMs: 60_000,
      now,
    });
    const certificate = new X509Certificate(generated.certificatePem);
    expect(certificate.subjectAltName).toBe(
      'DNS:localhost, DNS:cloud.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, ' +
        'IP Address:2001:DB8:0:0:0:FFFF:A00:1, IP Address:FE80:1:2:3:4:5:6:7',
    );
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate.checkIP('::1')).toBe('::1');
    expect(certificate.checkHost('cloud.test')).toBe('cloud.test');
    expect(certificate.subject).toBe('CN=test');
    expect(certificate.ca).toBe(true);
    expect(new Date(certificate.validTo).getTime()).toBe(now.getTime() + 60_000);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
  });

  it('refuses a certificate without any name, and a malformed address', () => {
    expect(() => generateSelfSignedCertificate({ commonName: 'x', lifetimeMs: 1 })).toThrow(/at least one/);
    expect(() =>
      generateSelfSignedCertificate({ commonName: 'x', ipAddresses: ['300.1.1.1'], lifetimeMs: 1 }),
    ).toThrow(/not an IP address/);
  });
});
