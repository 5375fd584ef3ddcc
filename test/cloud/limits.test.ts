import { connect, type Socket } from 'node:net';
import { errorEnvelopeSchema } from '../../src/api';
import { MAX_FIELD_ERRORS } from '../../src/cloud/errors';
import { DEFAULT_MAX_CONNECTIONS } from '../../src/cloud/http/server';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';

let cloud: TestCloud;
afterEach(() => cloud.close());

describe('the size of an error answer', () => {
  it('lists at most MAX_FIELD_ERRORS problems, saying how many more there were', async () => {
    cloud = await startTestCloud();
    const body: Record<string, unknown> = { name: 'k', public_key: 'ssh-ed25519 AAAA' };
    for (let i = 0; i < 60_000; i += 1) body[`k${i}`] = 1;
    const res = await fetch(`${cloud.url}/ssh-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cloud.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text.length).toBeLessThan(32 * 1024);
    const details = errorEnvelopeSchema.parse(JSON.parse(text)).error.details as {
      errors: unknown[];
      errors_omitted: number;
    };
    expect(details.errors).toHaveLength(MAX_FIELD_ERRORS);
    expect(details.errors_omitted).toBeGreaterThanOrEqual(60_000 - MAX_FIELD_ERRORS);
  });

  it('shortens a field name that is itself huge', async () => {
    cloud = await startTestCloud();
    const res = await cloud.request('POST', '/ssh-keys', {
      body: { name: 'k', public_key: 'ssh-ed25519 AAAA', ['x'.repeat(500_000)]: 1 },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body).length).toBeLessThan(4096);
  });
});

describe('simultaneous connections', () => {
  function open(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const closed = new Promise<void>((done) => socket.once('close', () => done()));
      socket.once('connect', () => resolve({ socket, closed }));
      socket.once('error', reject);
    });
  }

  it('closes connections past maxConnections at once, and takes new ones when there is room', async () => {
    expect(DEFAULT_MAX_CONNECTIONS).toBe(256);
    cloud = await startTestCloud({ maxConnections: 3 });
    const held = [await open(cloud.port), await open(cloud.port), await open(cloud.port)];
    const extra = await open(cloud.port);
    await extra.closed; // the server drops it without reading a byte
    held[0]?.socket.destroy();
    await held[0]?.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const res = await cloud.request('GET', '/ssh-keys');
    expect(res.status).toBe(200);
    for (const { socket } of held) socket.destroy();
  });
});
