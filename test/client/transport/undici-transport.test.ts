import { createServer } from 'node:https';
import { createServer as createPlainServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LightyearClient } from '../../../src/client/client';
import { LightyearConnectionError } from '../../../src/client/errors';
import { generateServerCertificate } from '../../../src/provider/protocol/certificate';
import { SSH_KEY } from '../helpers/scripted-server';

// A self-signed CA certificate for `localhost`, as a local cloud serving --tls would present.
const certificate = generateServerCertificate();

describe('HTTPS with a caller-trusted CA', () => {
  let server: ReturnType<typeof createServer>;
  let endpoint: string;
  let connections = 0;

  beforeAll(async () => {
    server = createServer(
      { cert: certificate.certificatePem, key: certificate.privateKeyPem },
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_tls' });
        res.end(JSON.stringify({ ssh_key: SSH_KEY }));
      },
    );
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `https://localhost:${(server.address() as AddressInfo).port}/v1`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('connects when the certificate is trusted through the ca option', async () => {
    const client = new LightyearClient({ apiKey: 'ly_test_key', endpoint, ca: certificate.certificatePem });
    await expect(client.sshKeys.get(SSH_KEY.id)).resolves.toEqual(SSH_KEY);
    await client.close();
  });

  it('refuses an untrusted certificate at once, with a hint, without retrying', async () => {
    connections = 0;
    const client = new LightyearClient({ apiKey: 'ly_test_key', endpoint, retryBaseDelayMs: 5 });
    const failure = await client.sshKeys.get(SSH_KEY.id).catch((err: unknown) => err);
    await client.close();
    expect(failure).toBeInstanceOf(LightyearConnectionError);
    expect(failure).toMatchObject({ code: 'connection_failed', transient: false, attempts: 1 });
    expect((failure as Error).message).toMatch(
      /the server certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
    );
    expect(connections).toBe(1);
  });
});

describe('https:// against a server speaking plain HTTP', () => {
  it('says the endpoint speaks plain HTTP, at once and without retrying', async () => {
    const plain = createPlainServer((_req, res) => res.end('{}'));
    let connections = 0;
    plain.on('connection', () => connections++);
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const endpoint = `https://127.0.0.1:${(plain.address() as AddressInfo).port}/v1`;
    const client = new LightyearClient({ apiKey: 'ly_test_key', endpoint, retryBaseDelayMs: 5 });
    try {
      const failure = await client.sshKeys.get(SSH_KEY.id).catch((err: unknown) => err);
      expect(failure).toMatchObject({ code: 'connection_failed', transient: false, attempts: 1 });
      expect((failure as Error).message).toContain(
        `could not reach ${endpoint}: the TLS handshake failed: the endpoint speaks plain HTTP, not HTTPS (use http:// in its URL`,
      );
      expect(connections).toBe(1);
    } finally {
      await client.close();
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
  });
});
