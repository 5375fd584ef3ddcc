import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LightyearClient } from '../../src/client';
import { LightyearConnectionError } from '../../src/client/errors';
import { TLS_CERT_FILE_NAME, TLS_KEY_FILE_NAME, TlsCertificateError, startLocalCloud } from '../../src/cloud';
import { generateSshPublicKey } from '../helpers/ssh-keys';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ly-tls-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('startLocalCloud({ tls })', () => {
  it('serves HTTPS with a self-signed certificate for 127.0.0.1 and localhost, written to the data directory', async () => {
    const cloud = await startLocalCloud({ dataDir, tls: true });
    try {
      expect(cloud.url).toBe(`https://127.0.0.1:${cloud.port}/v1`);
      const certPath = path.join(dataDir, TLS_CERT_FILE_NAME);
      expect(cloud.tlsCertificatePath).toBe(certPath);
      expect(fs.readFileSync(certPath, 'utf8')).toBe(cloud.tlsCertificate);
      expect(fs.statSync(path.join(dataDir, TLS_KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
      const certificate = new X509Certificate(fs.readFileSync(certPath));
      expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
      expect(certificate.checkHost('localhost')).toBe('localhost');
      expect(new Date(certificate.validTo).getTime()).toBeGreaterThan(Date.now() + 300 * 24 * 3600 * 1000);
    } finally {
      await cloud.close();
    }
  });

  it('is usable by the client given the certificate as ca, and refused by one without it', async () => {
    const cloud = await startLocalCloud({ dataDir, tls: true });
    const trusting = new LightyearClient({
      apiKey: cloud.apiKey,
      endpoint: cloud.url,
      ca: fs.readFileSync(path.join(dataDir, TLS_CERT_FILE_NAME)),
    });
    const untrusting = new LightyearClient({
      apiKey: cloud.apiKey,
      endpoint: cloud.url,
      retryBaseDelayMs: 1,
    });
    try {
      const key = await trusting.sshKeys.create({
        name: 'tls',
        public_key: generateSshPublicKey('ed25519').line,
      });
      await expect(trusting.sshKeys.get(key.id)).resolves.toEqual(key);
      const failure = await untrusting.sshKeys.get(key.id).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(LightyearConnectionError);
      expect((failure as Error).message).toMatch(/certificate is not trusted/);
      // The same certificate works by name too: it carries DNS:localhost.
      const byName = new LightyearClient({
        apiKey: cloud.apiKey,
        endpoint: cloud.url.replace('127.0.0.1', 'localhost'),
        ca: cloud.tlsCertificate,
      });
      await expect(byName.sshKeys.get(key.id)).resolves.toEqual(key);
      await byName.close();
    } finally {
      await trusting.close();
      await untrusting.close();
      await cloud.close();
    }
  });

  it('keeps the certificate across restarts, so a client that trusts it keeps working', async () => {
    const first = await startLocalCloud({ dataDir, tls: true });
    const pem = first.tlsCertificate;
    await first.close();
    const second = await startLocalCloud({ dataDir, tls: true });
    try {
      expect(second.tlsCertificate).toBe(pem);
    } finally {
      await second.close();
    }
  });

  it('replaces a damaged certificate in the data directory', async () => {
    fs.writeFileSync(path.join(dataDir, TLS_CERT_FILE_NAME), 'not a certificate');
    fs.writeFileSync(path.join(dataDir, TLS_KEY_FILE_NAME), 'not a key');
    const cloud = await startLocalCloud({ dataDir, tls: true });
    try {
      expect(cloud.tlsCertificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(fs.readFileSync(path.join(dataDir, TLS_CERT_FILE_NAME), 'utf8')).toBe(cloud.tlsCertificate);
    } finally {
      await cloud.close();
    }
  });

  it('writes to chosen paths, and never overwrites an unusable pair there', async () => {
    const certPath = path.join(dataDir, 'chosen', 'cert.pem');
    const keyPath = path.join(dataDir, 'chosen', 'key.pem');
    const cloud = await startLocalCloud({ tls: { certPath, keyPath } });
    expect(cloud.tlsCertificatePath).toBe(certPath);
    expect(fs.readFileSync(certPath, 'utf8')).toBe(cloud.tlsCertificate);
    await cloud.close();

    const otherKey = path.join(dataDir, 'other-key.pem');
    fs.writeFileSync(otherKey, fs.readFileSync(keyPath));
    const second = await startLocalCloud({ tls: { certPath, keyPath: otherKey } });
    await second.close();
    fs.writeFileSync(otherKey, 'garbage');
    await expect(startLocalCloud({ tls: { certPath, keyPath: otherKey } })).rejects.toBeInstanceOf(
      TlsCertificateError,
    );
    expect(fs.readFileSync(otherKey, 'utf8')).toBe('garbage');
  });

  it('keeps the certificate in memory for a cloud without a data directory', async () => {
    const cloud = await startLocalCloud({ tls: true });
    try {
      expect(cloud.tlsCertificatePath).toBeUndefined();
      const client = new LightyearClient({
        apiKey: cloud.apiKey,
        endpoint: cloud.url,
        ca: cloud.tlsCertificate,
      });
      await expect(client.sshKeys.list()).resolves.toMatchObject({ items: [] });
      await client.close();
    } finally {
      await cloud.close();
    }
  });
});
