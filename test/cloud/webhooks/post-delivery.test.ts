import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELIVERY_ERRORS, postDelivery } from '../../../src/cloud/webhooks/post-delivery';
import type { WebhookTargetPolicy } from '../../../src/cloud/webhooks/target-policy';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver';

// Only loopback traffic here: refused targets are refused before any connection is attempted.
let receiver: WebhookReceiver;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(() => receiver.close());

const OPEN: WebhookTargetPolicy = { allowPrivateTargets: false };

function deliver(url: string, policy: WebhookTargetPolicy = OPEN) {
  return postDelivery({
    url,
    body: '{}',
    headers: { 'Content-Type': 'application/json' },
    timeoutMs: 2000,
    signal: new AbortController().signal,
    policy,
  });
}

const receiverPort = () => Number(new URL(receiver.url).port);

describe('postDelivery target checks', () => {
  it('delivers to a loopback receiver, by address or by the name localhost', async () => {
    receiver.secret = 'unused';
    await expect(deliver(receiver.url)).resolves.toMatchObject({ statusCode: 401 });
    await expect(deliver(`http://localhost:${receiverPort()}/x`)).resolves.toMatchObject({ statusCode: 401 });
    expect(receiver.requests).toHaveLength(2);
  });

  it("resolves a name at delivery and refuses it when it leads to the cloud's own listener", async () => {
    const policy: WebhookTargetPolicy = {
      allowPrivateTargets: false,
      listener: { host: '127.0.0.1', port: receiverPort() },
    };
    for (const url of [
      `http://localhost:${receiverPort()}/_local/reset`,
      `http://0x7f000001:${receiverPort()}/_local/reset`,
      `http://2130706433:${receiverPort()}/_local/reset`,
    ]) {
      await expect(deliver(url, policy)).resolves.toEqual({
        statusCode: null,
        error: DELIVERY_ERRORS.notAllowed,
      });
    }
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses link-local, metadata, unspecified and (by default) private addresses without connecting', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://0.0.0.0/',
      'http://10.0.0.1/',
      'http://[::ffff:a9fe:a9fe]/',
    ]) {
      await expect(deliver(url)).resolves.toEqual({ statusCode: null, error: DELIVERY_ERRORS.notAllowed });
    }
  });
});

describe('postDelivery failure classes', () => {
  it('records a refused port and a connection cut mid-answer in the same coarse class', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await deliver(`http://127.0.0.1:${closedPort}/`);

    const cutting: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('partial');
      setTimeout(() => res.destroy(), 20);
    });
    await new Promise<void>((resolve) => cutting.listen(0, '127.0.0.1', resolve));
    try {
      const cut = await deliver(`http://127.0.0.1:${(cutting.address() as AddressInfo).port}/`);
      expect(refused).toEqual({ statusCode: null, error: DELIVERY_ERRORS.connectionFailed });
      expect(cut).toEqual({ statusCode: null, error: DELIVERY_ERRORS.connectionFailed });
    } finally {
      cutting.closeAllConnections();
      await new Promise<void>((resolve) => cutting.close(() => resolve()));
    }
  });
});
