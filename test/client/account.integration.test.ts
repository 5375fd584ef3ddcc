import { LightyearClient } from '../../src/client/client';
import { isNotFoundError } from '../../src/client/errors';
import { INSTANT_DURATIONS } from '../../src/cloud';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

// API keys and webhooks through the client, against the real local cloud over HTTP: the two kinds whose
// create answers a secret once.
let cloud: TestCloud;
let client: LightyearClient;
const opened: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  cloud = await startTestCloud({
    lifecycle: INSTANT_DURATIONS,
    webhookRetryDelaysMs: [20, 20, 20, 20],
    webhookTimeoutMs: 2000,
  });
  client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url });
});

afterEach(async () => {
  for (const each of opened.splice(0)) await each.close();
  await client.close();
  await cloud.close();
});

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

describe('api keys', () => {
  it('creates a key whose secret works once shown, lists and reads it without the secret, and revokes it', async () => {
    const { api_key: key, secret } = await client.apiKeys.create({
      name: 'ci',
      permissions: ['ssh_keys:read'],
      allowed_ips: ['127.0.0.1'],
    });
    expect(key).toMatchObject({ name: 'ci', permissions: ['ssh_keys:read'], allowed_ips: ['127.0.0.1/32'] });
    expect(secret.startsWith(key.prefix)).toBe(true);

    const ci = new LightyearClient({ apiKey: secret, endpoint: cloud.url, maxRetries: 0 });
    opened.push(ci);
    await expect(ci.sshKeys.listAll()).resolves.toEqual([]);
    await expect(caught(ci.instances.list())).resolves.toMatchObject({ code: 'forbidden' });

    const read = await client.apiKeys.get(key.id);
    expect(read).toMatchObject({ id: key.id, name: 'ci' });
    expect(JSON.stringify(read)).not.toContain(secret);
    const named = await client.apiKeys.listAll({ name: 'ci' });
    expect(named.map((each) => each.id)).toEqual([key.id]);
    expect(JSON.stringify(await client.apiKeys.listAll())).not.toContain(secret);

    await client.apiKeys.delete(key.id);
    expect(isNotFoundError(await caught(client.apiKeys.get(key.id)))).toBe(true);
    await expect(caught(ci.sshKeys.list())).resolves.toMatchObject({ code: 'authentication_failed' });
  });

  it('exposes every refused field of a create', async () => {
    const failure = await caught(
      client.apiKeys.create({ name: ' ', permissions: ['root'], allowed_ips: ['not-an-ip'] }),
    );
    expect(failure).toMatchObject({ code: 'invalid_request' });
    const fields = (failure as { fieldErrors: { field: string }[] }).fieldErrors.map((each) => each.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'permissions']));
    expect(fields.length).toBeGreaterThan(1);
  });
});

describe('webhooks', () => {
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    opened.push(receiver);
  });

  it('creates with a signing secret, updates, lists, reads its deliveries and deletes', async () => {
    const { webhook, secret } = await client.webhooks.create({
      url: receiver.url,
      events: ['instance.created', 'instance.created', 'block.attached'],
      description: 'ops',
    });
    receiver.secret = secret;
    expect(webhook).toMatchObject({
      url: receiver.url,
      events: ['block.attached', 'instance.created'],
      active: true,
    });
    expect(secret).toMatch(/^whsec_/);
    await expect(client.webhooks.get(webhook.id)).resolves.toEqual(webhook);

    const updated = await client.webhooks.update(webhook.id, { description: null });
    expect(updated).toMatchObject({ id: webhook.id, description: null });
    expect((await client.webhooks.listAll()).map((each) => each.id)).toEqual([webhook.id]);

    await client.instances.create({ region: 'ams', plan: 'vc2-1c-1gb', image: 'debian-12', label: 'web' });
    const deliveries = client.webhooks.deliveries(webhook.id);
    const [delivered] = await client.waitFor({
      poll: (signal) => deliveries.listAll({}, { signal }),
      until: (attempts) => attempts.some((attempt) => attempt.succeeded),
      description: 'a delivery of instance.created',
      intervalMs: 20,
      timeoutMs: 10_000,
    });
    expect(delivered).toMatchObject({ event_type: 'instance.created', succeeded: true, status_code: 200 });
    expect(receiver.requests.some((request) => request.verified)).toBe(true);
    const byEvent = await deliveries.list({ event_id: delivered!.event_id });
    expect(byEvent.items.map((each) => each.delivery_id)).toEqual([delivered!.delivery_id]);

    await client.webhooks.delete(webhook.id);
    expect(isNotFoundError(await caught(client.webhooks.get(webhook.id)))).toBe(true);
    expect(isNotFoundError(await caught(deliveries.list()))).toBe(true);
  });

  it('reports an http:// URL to a remote host as a field error on url', async () => {
    const failure = await caught(
      client.webhooks.create({ url: 'http://hooks.example.com/x', events: ['instance.created'] }),
    );
    expect(failure).toMatchObject({ code: 'invalid_request', field: 'url' });
  });
});
