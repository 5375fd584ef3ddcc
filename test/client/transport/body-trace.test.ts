import { LightyearClient } from '../../../src/client/client';
import type { BodiesLogEvent, ClientLogEvent } from '../../../src/client/transport/log-events';
import { createdApiKeyResponseSchema, createWebhookResponseSchema } from '../../../src/api';
import type { RunningLocalCloud } from '../../../src/cloud';
import { startLocalCloud } from '../../../src/cloud';
import { newEd25519PublicKey } from '../helpers/openssh-keys';

// Bodies traced from real exchanges with the local cloud over HTTP: what a TF_LOG=trace user would see.
let cloud: RunningLocalCloud;
let events: ClientLogEvent[];
let lines: string[];

function client(logBodies: boolean): LightyearClient {
  return new LightyearClient({
    apiKey: cloud.apiKey,
    endpoint: cloud.url,
    logBodies,
    onLogEvent: (event) => events.push(event),
    log: (line) => lines.push(line),
  });
}

const bodies = () => events.filter((event): event is BodiesLogEvent => event.kind === 'bodies');

beforeEach(async () => {
  cloud = await startLocalCloud();
  events = [];
  lines = [];
});

afterEach(async () => {
  await cloud.close();
});

describe('tracing request and answer bodies', () => {
  it('shows both bodies of an ordinary call as they went over the wire', async () => {
    const c = client(true);
    const publicKey = newEd25519PublicKey('trace@example');
    const key = await c.sshKeys.create({ name: 'traced', public_key: publicKey });
    await c.close();
    const [traced] = bodies();
    expect(traced).toMatchObject({ method: 'POST', path: '/ssh-keys', status: 201, attempt: 1 });
    expect(JSON.parse(traced!.requestBody!)).toEqual({ name: 'traced', public_key: publicKey });
    expect(JSON.parse(traced!.responseBody)).toMatchObject({
      ssh_key: { id: key.id, public_key: publicKey },
    });
    expect(traced!.requestId).toMatch(/^req_/);
  });

  it('redacts the secret of a created API key and of a created webhook, and never shows the caller key', async () => {
    const c = client(true);
    const created = await c.request({
      method: 'POST',
      path: '/account/api-keys',
      body: { name: 'ci', permissions: ['ssh_keys:read'] },
      response: createdApiKeyResponseSchema,
    });
    const webhook = await c.request({
      method: 'POST',
      path: '/webhooks',
      body: { url: 'http://127.0.0.1:9/hook', events: ['instance.created'] },
      response: createWebhookResponseSchema,
    });
    await c.close();
    const traced = bodies();
    expect(traced).toHaveLength(2);
    for (const event of traced)
      expect(JSON.parse(event.responseBody)).toMatchObject({ secret: '[redacted]' });
    const everything = JSON.stringify(events) + lines.join('\n');
    for (const secret of [created.secret, webhook.secret, cloud.apiKey])
      expect(everything).not.toContain(secret);
    expect(JSON.parse(traced[0]!.responseBody)).toMatchObject({ api_key: { name: 'ci' } });
  });

  it('traces an error answer too, exactly as it came', async () => {
    const c = client(true);
    await expect(c.sshKeys.get('sshk_doesnotexist')).rejects.toMatchObject({ code: 'not_found' });
    await c.close();
    const [traced] = bodies();
    expect(traced).toMatchObject({ status: 404, requestBody: undefined });
    expect(JSON.parse(traced!.responseBody)).toMatchObject({ error: { code: 'not_found' } });
  });

  it('reports no bodies unless asked, and never on the line log', async () => {
    const c = client(false);
    await c.sshKeys.create({ name: 'quiet', public_key: newEd25519PublicKey('quiet@example') });
    await c.close();
    expect(bodies()).toEqual([]);
    expect(events.map((event) => event.kind)).toEqual(['attempt']);
    expect(lines).toEqual([expect.stringMatching(/^POST \/ssh-keys -> 201 in \d+ ms \(req_\w+\)$/)]);
  });
});
