import {
  createWebhookResponseSchema,
  errorEnvelopeSchema,
  webhookDeliveryListSchema,
  webhookListSchema,
  webhookResponseSchema,
} from '../../../src/api';
import { DELIVERY_ERRORS } from '../../../src/cloud/webhooks/post-delivery';
import { MAX_WEBHOOKS } from '../../../src/cloud/routes/webhooks';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';

let cloud: TestCloud;
beforeEach(async () => {
  cloud = await startTestCloud();
});
afterEach(() => cloud.close());

const RECEIVER = 'http://127.0.0.1:9/hooks';

async function createWebhook(body: Record<string, unknown> = {}) {
  const res = await cloud.request('POST', '/webhooks', {
    body: { url: RECEIVER, events: ['instance.created'], ...body },
  });
  expect(res.status).toBe(201);
  return createWebhookResponseSchema.parse(res.body);
}

function expectFieldError(res: { status: number; body: unknown }, field: string, reason?: RegExp) {
  expect(res.status).toBe(400);
  const envelope = errorEnvelopeSchema.parse(res.body);
  expect(envelope.error.code).toBe('invalid_request');
  expect(envelope.error.details?.field).toBe(field);
  if (reason !== undefined) expect(envelope.error.details?.reason).toMatch(reason);
}

async function keyWith(permissions: string[]): Promise<string> {
  const res = await cloud.request('POST', '/account/api-keys', { body: { name: 'scoped', permissions } });
  expect(res.status).toBe(201);
  return res.body.secret as string;
}

describe('POST /webhooks', () => {
  it('creates a webhook: 201, Location, the secret once, events deduplicated and sorted', async () => {
    const res = await cloud.request('POST', '/webhooks', {
      body: {
        url: RECEIVER,
        events: ['instance.destroyed', 'billing.payment_failed', 'instance.destroyed'],
        description: '  ops pager  ',
      },
    });
    expect(res.status).toBe(201);
    const { webhook, secret } = createWebhookResponseSchema.strict().parse(res.body);
    expect(webhook.id).toMatch(/^whk_[0-9A-Za-z]{24}$/);
    expect(secret).toMatch(/^whsec_[0-9A-Za-z]{40}$/);
    expect(webhook).toEqual({
      id: webhook.id,
      url: RECEIVER,
      events: ['billing.payment_failed', 'instance.destroyed'],
      description: 'ops pager',
      active: true,
      created_at: expect.any(String),
      updated_at: webhook.created_at,
    });
    expect(res.headers.get('location')).toBe(`/v1/webhooks/${webhook.id}`);

    // Never again: not in a read, a list or an update.
    const read = await cloud.request('GET', `/webhooks/${webhook.id}`);
    const list = await cloud.request('GET', '/webhooks');
    const patched = await cloud.request('PATCH', `/webhooks/${webhook.id}`, { body: { active: false } });
    for (const r of [read, list, patched]) expect(JSON.stringify(r.body)).not.toContain(secret);
  });

  it('gives every webhook its own secret and a null description when none is sent', async () => {
    const a = await createWebhook();
    const b = await createWebhook();
    expect(a.secret).not.toBe(b.secret);
    expect(a.webhook.description).toBeNull();
  });

  it.each([
    ['https://hooks.example.com/lightyear'],
    ['http://localhost:8080/x'],
    ['http://127.0.0.2/x?token=abc'],
    ['http://[::1]:3000/'],
  ])('accepts %s', async (url) => {
    const { webhook } = await createWebhook({ url });
    expect(webhook.url).toBe(url);
  });

  it.each([
    ['http://hooks.example.com/x', /https/],
    ['ftp://127.0.0.1/x', /https/],
    ['not a url', /https/],
    ['/relative', /https/],
    ['https://user:pass@hooks.example.com/', /user name or password/],
    ['https://hooks.example.com/#frag', /fragment/],
  ])('refuses the url %s with 400 on url', async (url, reason) => {
    const res = await cloud.request('POST', '/webhooks', { body: { url, events: ['instance.created'] } });
    expectFieldError(res, 'url', reason);
  });

  it.each([
    ['a tab inside the host', 'http://127.0.0.1\t.evil/x'],
    ['a newline in the path', 'http://127.0.0.1:9/a\nb'],
    ['a leading space', ' http://127.0.0.1:9/'],
    ['a NUL', 'http://127.0.0.1:9/\u0000'],
    ['a C1 control', 'https://hooks.example.com/\u009b'],
  ])('refuses a url with %s: it would be delivered somewhere other than it reads', async (_label, url) => {
    const res = await cloud.request('POST', '/webhooks', { body: { url, events: ['instance.created'] } });
    expectFieldError(res, 'url', /control characters/);
  });

  it.each([
    ['the metadata address', 'https://169.254.169.254/latest/meta-data/', /link-local/],
    ['a link-local IPv6 address', 'https://[fe80::1]/x', /link-local/],
    ["AWS's IPv6 metadata address", 'https://[fd00:ec2::254]/', /metadata/],
    ['a mapped metadata address', 'https://[::ffff:169.254.169.254]/', /link-local/],
    ['the unspecified address', 'https://0.0.0.0:8080/', /unspecified/],
    ['the unspecified IPv6 address', 'https://[::]/', /unspecified/],
    ['a private address', 'https://10.1.2.3/hook', /private address/],
    ['a private IPv6 address', 'https://[fd12:3456::1]/hook', /private address/],
    ['a multicast address', 'https://224.0.0.1/', /multicast/],
    ['a NAT64 address', 'https://[64:ff9b::a9fe:a9fe]/', /translation/],
  ])('refuses %s with 400 on url', async (_label, url, reason) => {
    const res = await cloud.request('POST', '/webhooks', { body: { url, events: ['instance.created'] } });
    expectFieldError(res, 'url', reason);
  });

  it('refuses its own listener in every spelling, /_local/reset included', async () => {
    for (const host of [
      '127.0.0.1',
      'localhost',
      '0x7f000001',
      '2130706433',
      '0177.0.0.1',
      '[::ffff:127.0.0.1]',
    ]) {
      const url = `https://${host}:${cloud.port}/_local/reset`;
      const res = await cloud.request('POST', '/webhooks', { body: { url, events: ['instance.created'] } });
      expectFieldError(res, 'url', /own listener/);
    }
    // Another loopback port is a local receiver, which development needs.
    await createWebhook({ url: `http://0x7f000001:${cloud.port + 1}/` });
  });

  it('takes private addresses only when the cloud is started to allow them', async () => {
    await cloud.close();
    cloud = await startTestCloud({ allowPrivateWebhookTargets: true });
    const { webhook } = await createWebhook({ url: 'https://10.1.2.3/hook' });
    expect(webhook.url).toBe('https://10.1.2.3/hook');
    const metadata = await cloud.request('POST', '/webhooks', {
      body: { url: 'https://169.254.169.254/', events: ['instance.created'] },
    });
    expectFieldError(metadata, 'url', /link-local/);
  });

  it('checks the target again on PATCH', async () => {
    const { webhook } = await createWebhook();
    const res = await cloud.request('PATCH', `/webhooks/${webhook.id}`, {
      body: { url: 'https://169.254.169.254/' },
    });
    expectFieldError(res, 'url', /link-local/);
  });

  it('needs read permission on what each subscribed event carries, at create and at update', async () => {
    const writeOnly = await keyWith(['webhooks:write']);
    const refused = await cloud.request('POST', '/webhooks', {
      apiKey: writeOnly,
      body: { url: RECEIVER, events: ['dns.record_changed', 'instance.created'] },
    });
    expect(refused.status).toBe(403);
    expect(errorEnvelopeSchema.parse(refused.body).error.details).toEqual({
      field: 'events',
      missing_permissions: ['dns:read', 'instances:read'],
    });

    const dnsReader = await keyWith(['webhooks:write', 'dns:read']);
    const created = await cloud.request('POST', '/webhooks', {
      apiKey: dnsReader,
      body: { url: RECEIVER, events: ['dns.record_changed'] },
    });
    expect(created.status).toBe(201);
    const id = createWebhookResponseSchema.parse(created.body).webhook.id;
    const widened = await cloud.request('PATCH', `/webhooks/${id}`, {
      apiKey: dnsReader,
      body: { events: ['dns.record_changed', 'billing.invoice_created'] },
    });
    expect(widened.status).toBe(403);
    expect(errorEnvelopeSchema.parse(widened.body).error.details?.missing_permissions).toEqual([
      'account:read',
    ]);
  });

  it(`refuses more than ${MAX_WEBHOOKS} webhooks with 409 naming the limit`, async () => {
    for (let i = 0; i < MAX_WEBHOOKS; i += 1) await createWebhook();
    const res = await cloud.request('POST', '/webhooks', {
      body: { url: RECEIVER, events: ['instance.created'] },
    });
    expect(res.status).toBe(409);
    expect(errorEnvelopeSchema.parse(res.body).error.details).toEqual({
      reason: 'limit_reached',
      limit: MAX_WEBHOOKS,
    });
  });

  it('refuses an unknown event type on events[i], naming the valid ones', async () => {
    const res = await cloud.request('POST', '/webhooks', {
      body: { url: RECEIVER, events: ['instance.created', 'instance.exploded'] },
    });
    expectFieldError(res, 'events[1]', /must be an event type: instance\.created, /);
  });

  it.each([
    ['no events', { events: [] }, 'events'],
    ['events as a string', { events: 'instance.created' }, 'events'],
    ['no url', { url: undefined }, 'url'],
    ['a description over 1024 characters', { description: 'x'.repeat(1025) }, 'description'],
    ['a secret of its own', { secret: 'mine' }, 'secret'],
  ])('refuses %s with 400 on the field', async (_label, override, field) => {
    const body: Record<string, unknown> = { url: RECEIVER, events: ['instance.created'], ...override };
    const res = await cloud.request('POST', '/webhooks', { body });
    expectFieldError(res, field);
  });
});

describe('GET /webhooks and GET /webhooks/{id}', () => {
  it('lists in creation order with cursor pages, and reads one', async () => {
    const created = [await createWebhook(), await createWebhook(), await createWebhook()];
    const first = await cloud.request('GET', '/webhooks?per_page=2');
    expect(first.status).toBe(200);
    const page1 = webhookListSchema.parse(first.body);
    expect(page1.meta.total).toBe(3);
    expect(page1.webhooks.map((w) => w.id)).toEqual(created.slice(0, 2).map((c) => c.webhook.id));
    const second = await cloud.request(
      'GET',
      `/webhooks?per_page=2&cursor=${encodeURIComponent(page1.meta.next_cursor as string)}`,
    );
    const page2 = webhookListSchema.parse(second.body);
    expect(page2.webhooks.map((w) => w.id)).toEqual([created[2]?.webhook.id]);
    expect(page2.meta.next_cursor).toBeNull();

    const desc = webhookListSchema.parse((await cloud.request('GET', '/webhooks?order=desc')).body);
    expect(desc.webhooks[0]?.id).toBe(created[2]?.webhook.id);

    const one = await cloud.request('GET', `/webhooks/${created[1]?.webhook.id}`);
    expect(webhookResponseSchema.parse(one.body).webhook).toEqual(created[1]?.webhook);
  });

  it('refuses a bad cursor or an unknown parameter with 400', async () => {
    expectFieldError(await cloud.request('GET', '/webhooks?cursor=nonsense'), 'cursor');
    expectFieldError(await cloud.request('GET', '/webhooks?active=true'), 'active');
  });

  it('answers 404 for an unknown id', async () => {
    const res = await cloud.request('GET', '/webhooks/whk_missing');
    expect(res.status).toBe(404);
    expect(errorEnvelopeSchema.parse(res.body).error.details).toEqual({
      resource: 'webhook',
      id: 'whk_missing',
    });
  });
});

describe('PATCH /webhooks/{id}', () => {
  it('changes only the fields sent, bumps updated_at, and clears the description with null', async () => {
    const { webhook } = await createWebhook({ description: 'first' });
    cloud.clock.advance(1000);
    const res = await cloud.request('PATCH', `/webhooks/${webhook.id}`, {
      body: { events: ['dns.record_changed', 'block.attached'], active: false },
    });
    expect(res.status).toBe(200);
    const updated = webhookResponseSchema.parse(res.body).webhook;
    expect(updated).toEqual({
      ...webhook,
      events: ['block.attached', 'dns.record_changed'],
      active: false,
      updated_at: expect.any(String),
    });
    expect(Date.parse(updated.updated_at) - Date.parse(webhook.updated_at)).toBeGreaterThanOrEqual(1000);

    const url = 'https://hooks.example.com/new';
    const again = await cloud.request('PATCH', `/webhooks/${webhook.id}`, {
      body: { url, description: null, active: true },
    });
    expect(webhookResponseSchema.parse(again.body).webhook).toMatchObject({
      url,
      description: null,
      active: true,
    });
  });

  it('validates like create, and answers 404 for an unknown id', async () => {
    const { webhook } = await createWebhook();
    expectFieldError(
      await cloud.request('PATCH', `/webhooks/${webhook.id}`, { body: { url: 'http://example.com/' } }),
      'url',
    );
    expectFieldError(
      await cloud.request('PATCH', `/webhooks/${webhook.id}`, { body: { events: [] } }),
      'events',
    );
    expectFieldError(
      await cloud.request('PATCH', `/webhooks/${webhook.id}`, { body: { active: 'no' } }),
      'active',
    );
    expectFieldError(
      await cloud.request('PATCH', `/webhooks/${webhook.id}`, { body: { secret: 'x' } }),
      'secret',
    );
    const missing = await cloud.request('PATCH', '/webhooks/whk_missing', { body: { active: false } });
    expect(missing.status).toBe(404);
  });
});

describe('DELETE /webhooks/{id}', () => {
  it('deletes: 204, then 404 on read, delete and deliveries', async () => {
    const { webhook } = await createWebhook();
    const res = await cloud.request('DELETE', `/webhooks/${webhook.id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect((await cloud.request('GET', `/webhooks/${webhook.id}`)).status).toBe(404);
    expect((await cloud.request('DELETE', `/webhooks/${webhook.id}`)).status).toBe(404);
    expect((await cloud.request('GET', `/webhooks/${webhook.id}/deliveries`)).status).toBe(404);
  });
});

describe('GET /webhooks/{id}/deliveries', () => {
  it('answers an empty page for a webhook nothing was delivered to, and validates its query', async () => {
    const { webhook } = await createWebhook();
    const res = await cloud.request('GET', `/webhooks/${webhook.id}/deliveries`);
    expect(res.status).toBe(200);
    expect(webhookDeliveryListSchema.parse(res.body)).toEqual({
      deliveries: [],
      meta: { total: 0, next_cursor: null },
    });
    expectFieldError(
      await cloud.request('GET', `/webhooks/${webhook.id}/deliveries?event_id=nope`),
      'event_id',
    );
    expectFieldError(await cloud.request('GET', `/webhooks/${webhook.id}/deliveries?per_page=0`), 'per_page');
  });

  it('lists failed attempts to an unreachable receiver, filterable by event', async () => {
    await cloud.close();
    cloud = await startTestCloud({ webhookRetryDelaysMs: [3_600_000, 1, 1, 1] });
    // Port 9 (discard) on loopback: nothing listens, so the attempt is refused at once.
    const { webhook } = await createWebhook({ events: ['billing.invoice_created'] });
    const emitted: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const res = await fetch(`${cloud.origin}/_local/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cloud.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'billing.invoice_created' }),
      });
      emitted.push(((await res.json()) as { event: { id: string } }).event.id);
    }
    let log: ReturnType<typeof webhookDeliveryListSchema.parse>['deliveries'] = [];
    const deadline = Date.now() + 5000;
    while (log.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      log = webhookDeliveryListSchema.parse(
        (await cloud.request('GET', `/webhooks/${webhook.id}/deliveries`)).body,
      ).deliveries;
    }
    expect(log.map((a) => [a.event_id, a.attempt, a.status_code, a.error, a.succeeded])).toEqual([
      [emitted[0], 1, null, DELIVERY_ERRORS.connectionFailed, false],
      [emitted[1], 1, null, DELIVERY_ERRORS.connectionFailed, false],
    ]);
    expect(log[0]?.delivery_id).not.toBe(log[1]?.delivery_id);
    expect(
      Date.parse(log[0]?.next_retry_at as string) - Date.parse(log[0]?.created_at as string),
    ).toBeGreaterThanOrEqual(3_600_000);

    const filtered = await cloud.request('GET', `/webhooks/${webhook.id}/deliveries?event_id=${emitted[1]}`);
    expect(webhookDeliveryListSchema.parse(filtered.body).deliveries.map((a) => a.event_id)).toEqual([
      emitted[1],
    ]);
    const paged = webhookDeliveryListSchema.parse(
      (await cloud.request('GET', `/webhooks/${webhook.id}/deliveries?per_page=1`)).body,
    );
    expect(paged.meta).toEqual({ total: 2, next_cursor: expect.any(String) });
  });
});

describe('permissions', () => {
  it('webhooks:read may read but not write; other keys get 403; no key gets 401', async () => {
    const { webhook } = await createWebhook();
    const reader = await keyWith(['webhooks:read']);
    expect((await cloud.request('GET', '/webhooks', { apiKey: reader })).status).toBe(200);
    expect(
      (await cloud.request('GET', `/webhooks/${webhook.id}/deliveries`, { apiKey: reader })).status,
    ).toBe(200);
    const write = await cloud.request('POST', '/webhooks', {
      apiKey: reader,
      body: { url: RECEIVER, events: ['instance.created'] },
    });
    expect(write.status).toBe(403);
    expect(errorEnvelopeSchema.parse(write.body).error.details).toEqual({
      required_permission: 'webhooks:write',
    });

    const other = await keyWith(['ssh_keys:write']);
    expect((await cloud.request('GET', `/webhooks/${webhook.id}`, { apiKey: other })).status).toBe(403);
    expect((await cloud.request('DELETE', `/webhooks/${webhook.id}`, { apiKey: null })).status).toBe(401);

    const writer = await keyWith(['webhooks:write']);
    expect(
      (await cloud.request('PATCH', `/webhooks/${webhook.id}`, { apiKey: writer, body: {} })).status,
    ).toBe(200);
    expect((await cloud.request('DELETE', `/webhooks/${webhook.id}`, { apiKey: writer })).status).toBe(204);
  });
});
