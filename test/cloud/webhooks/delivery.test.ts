import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createWebhookResponseSchema,
  webhookDeliveryListSchema,
  webhookPayloadSchema,
} from '../../../src/api';
import type { LocalCloudOptions } from '../../../src/cloud';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import {
  startWebhookReceiver,
  verifySignature,
  waitUntil,
  type WebhookReceiver,
} from '../../helpers/webhook-receiver';

/** Tiny retries so a failing receiver is retried within the test's patience; five delays, six attempts. */
const FAST: LocalCloudOptions = { webhookRetryDelaysMs: [20, 20, 20, 20, 20], webhookTimeoutMs: 2000 };

let cloud: TestCloud;
let receiver: WebhookReceiver;
afterEach(async () => {
  await cloud.close();
  await receiver.close();
});

async function subscribe(events = ['billing.invoice_created', 'billing.payment_failed'], url = receiver.url) {
  const res = await cloud.request('POST', '/webhooks', { body: { url, events } });
  expect(res.status).toBe(201);
  const created = createWebhookResponseSchema.parse(res.body);
  receiver.secret = created.secret;
  return created.webhook;
}

async function emit(type = 'billing.invoice_created', data: Record<string, unknown> = {}) {
  const res = await fetch(`${cloud.origin}/_local/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cloud.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type, data }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { event: { id: string } }).event;
}

async function attempts(webhookId: string) {
  const res = await cloud.request('GET', `/webhooks/${webhookId}/deliveries`);
  expect(res.status).toBe(200);
  return webhookDeliveryListSchema.parse(res.body).deliveries;
}

describe('webhook delivery to a receiver that verifies signatures', () => {
  it('POSTs a signed, well-formed delivery that the receiver processes exactly once', async () => {
    cloud = await startTestCloud(FAST);
    receiver = await startWebhookReceiver();
    const webhook = await subscribe();
    const event = await emit('billing.invoice_created', { invoice: { id: 'inv_1', amount_usd: 12.5 } });

    await waitUntil(() => receiver.processed().length === 1);
    const [request] = receiver.requests;
    expect(request?.verified).toBe(true);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-lightyear-event']).toBe('billing.invoice_created');
    expect(request?.headers['x-lightyear-delivery']).toMatch(/^dlv_[0-9A-Za-z]{24}$/);
    const payload = webhookPayloadSchema.strict().parse(receiver.processed()[0]);
    expect(payload).toEqual({
      id: event.id,
      type: 'billing.invoice_created',
      created_at: expect.any(String),
      data: { invoice: { id: 'inv_1', amount_usd: 12.5 } },
    });

    // Nothing more arrives: one event, one successful delivery, one attempt logged.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.requests).toHaveLength(1);
    const log = await attempts(webhook.id);
    expect(log).toEqual([
      expect.objectContaining({
        event_id: event.id,
        event_type: 'billing.invoice_created',
        attempt: 1,
        status_code: 200,
        error: null,
        succeeded: true,
        next_retry_at: null,
        delivery_id: request?.headers['x-lightyear-delivery'],
      }),
    ]);
  });

  it('retries a receiver that failed twice: three attempts logged, the same bytes and delivery id, one processed', async () => {
    cloud = await startTestCloud(FAST);
    receiver = await startWebhookReceiver();
    receiver.answers.push(500, 500);
    const webhook = await subscribe();
    const event = await emit();

    await waitUntil(() => receiver.processed().length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
    const [first, ...retries] = receiver.requests;
    for (const retry of retries) {
      expect(retry.rawBody.equals(first?.rawBody as Buffer)).toBe(true);
      expect(retry.headers['x-lightyear-delivery']).toBe(first?.headers['x-lightyear-delivery']);
      expect(retry.headers['x-lightyear-signature']).toBe(first?.headers['x-lightyear-signature']);
    }
    expect(receiver.processed()).toEqual([expect.objectContaining({ id: event.id })]);

    const log = await attempts(webhook.id);
    expect(log.map((a) => [a.attempt, a.status_code, a.succeeded])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
    expect(log[0]?.error).toBe('the receiver answered HTTP 500');
    expect(log[0]?.next_retry_at).not.toBeNull();
    expect(log[2]?.next_retry_at).toBeNull();
  });

  it('gives up after the last attempt of the schedule', async () => {
    cloud = await startTestCloud(FAST);
    receiver = await startWebhookReceiver();
    receiver.answers.push(...Array<number>(10).fill(503));
    const webhook = await subscribe();
    await emit();

    await waitUntil(async () => (await attempts(webhook.id)).length === 6);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = await attempts(webhook.id);
    expect(log.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(log.at(-1)?.next_retry_at).toBeNull();
    expect(receiver.requests).toHaveLength(6);
    expect(receiver.processed()).toEqual([]);
  });

  it('a tampered body or a wrong secret fails verification', async () => {
    cloud = await startTestCloud(FAST);
    receiver = await startWebhookReceiver();
    await subscribe();
    await emit('billing.payment_failed', { invoice: { id: 'inv_9' } });
    await waitUntil(() => receiver.requests.length === 1);
    const [request] = receiver.requests;
    const raw = request?.rawBody as Buffer;
    const signature = request?.headers['x-lightyear-signature'];
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(receiver.secret, raw, signature)).toBe(true);

    const tampered = Buffer.from(raw.toString('utf8').replace('inv_9', 'inv_8'));
    expect(verifySignature(receiver.secret, tampered, signature)).toBe(false);
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8')), null, 2));
    expect(verifySignature(receiver.secret, reformatted, signature)).toBe(false);
    expect(verifySignature(`${receiver.secret}x`, raw, signature)).toBe(false);
  });

  it('delivers only subscribed types, only events after the webhook was created, and nothing while paused', async () => {
    cloud = await startTestCloud(FAST);
    receiver = await startWebhookReceiver();
    const before = await emit('billing.invoice_created');
    const webhook = await subscribe(['billing.payment_failed']);
    await emit('billing.invoice_created');
    const wanted = await emit('billing.payment_failed');
    await waitUntil(() => receiver.processed().length === 1);

    const pause = await cloud.request('PATCH', `/webhooks/${webhook.id}`, { body: { active: false } });
    expect(pause.status).toBe(200);
    await emit('billing.payment_failed');
    await new Promise((resolve) => setTimeout(resolve, 200));

    const ids = receiver.processed().map((p) => (p as { id: string }).id);
    expect(ids).toEqual([wanted.id]);
    expect(ids).not.toContain(before.id);
  });

  it('a receiver that never answers does not hold up another webhook', async () => {
    cloud = await startTestCloud({ ...FAST, webhookTimeoutMs: 5000 });
    receiver = await startWebhookReceiver();
    const stuck = await startWebhookReceiver('/stuck');
    try {
      stuck.answers.push('hang');
      const stuckRes = await cloud.request('POST', '/webhooks', {
        body: { url: stuck.url, events: ['billing.invoice_created'] },
      });
      expect(stuckRes.status).toBe(201);
      await subscribe(['billing.invoice_created']);
      await emit();
      await emit();

      await waitUntil(() => receiver.processed().length === 2, 2000);
      expect(stuck.requests).toHaveLength(1);
    } finally {
      await stuck.close();
    }
  });

  it('records a timeout, then delivers on the retry', async () => {
    cloud = await startTestCloud({ ...FAST, webhookTimeoutMs: 100 });
    receiver = await startWebhookReceiver();
    receiver.answers.push('hang');
    const webhook = await subscribe();
    await emit();

    await waitUntil(() => receiver.processed().length === 1);
    const log = await attempts(webhook.id);
    expect(log.map((a) => [a.status_code, a.error])).toEqual([
      [null, 'no complete answer within 100 ms'],
      [200, null],
    ]);
  });

  it('after a restart, neither loses a pending delivery nor repeats a finished one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ly-webhooks-'));
    try {
      // Retries an hour apart: the restart happens while the failed delivery waits for its retry.
      const slow: LocalCloudOptions = { dataDir, webhookRetryDelaysMs: [3_600_000, 20, 20, 20] };
      cloud = await startTestCloud(slow);
      receiver = await startWebhookReceiver();
      const webhook = await subscribe();
      const done = await emit();
      await waitUntil(() => receiver.processed().length === 1);
      receiver.answers.push(500);
      const pending = await emit();
      await waitUntil(() => receiver.requests.length === 2);
      await cloud.close();

      cloud = await startTestCloud({ ...slow, webhookRetryDelaysMs: [20, 20, 20, 20] });
      // The stored retry time still says "in an hour": move the new cloud's clock past it.
      cloud.clock.advance(3_600_000);
      await waitUntil(() => receiver.processed().length === 2);
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(receiver.processed().map((p) => (p as { id: string }).id)).toEqual([done.id, pending.id]);
      expect(receiver.requests).toHaveLength(3);
      const log = await attempts(webhook.id);
      expect(log.map((a) => [a.event_id, a.attempt, a.succeeded])).toEqual([
        [done.id, 1, true],
        [pending.id, 1, false],
        [pending.id, 2, true],
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
