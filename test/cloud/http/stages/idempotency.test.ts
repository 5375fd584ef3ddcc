import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createdApiKeyResponseSchema, errorEnvelopeSchema, sshKeyListSchema } from '../../../../src/api';
import { CloudClock } from '../../../../src/cloud/clock';
import { IDEMPOTENCY_KEY_TTL_MS } from '../../../../src/cloud/http/stages/idempotency';
import { startTestCloud, type TestCloud, type TestResponse } from '../../../helpers/local-cloud';
import { generateSshPublicKey } from '../../../helpers/ssh-keys';

let cloud: TestCloud;
let clock: CloudClock;
beforeEach(async () => {
  // Frozen unless advanced, so "24 hours minus 1 ms" is exact however long the test takes.
  const frozenMs = Date.now();
  clock = new CloudClock(() => frozenMs);
  cloud = await startTestCloud({ clock });
});
afterEach(() => cloud.close());

const newKeyBody = (name = 'k') => ({ name, public_key: generateSshPublicKey('ed25519').line });

function post(path: string, idempotencyKey: string, body: unknown, apiKey?: string): Promise<TestResponse> {
  return cloud.request('POST', path, { body, apiKey, headers: { 'Idempotency-Key': idempotencyKey } });
}

function expectCode(res: TestResponse, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(errorEnvelopeSchema.parse(res.body).error.code).toBe(code);
}

async function sshKeyCount(): Promise<number> {
  return sshKeyListSchema.parse((await cloud.request('GET', '/ssh-keys')).body).meta.total;
}

describe('Idempotency-Key on POST', () => {
  it('replays the first answer (status, body, Location) with Idempotent-Replayed, without running again', async () => {
    const body = newKeyBody();
    const first = await post('/ssh-keys', 'create-1', body);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const again = await post('/ssh-keys', 'create-1', body);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(await sshKeyCount()).toBe(1);
  });

  it('matches the body as JSON, not as bytes: key order and spacing do not matter', async () => {
    const { name, public_key } = newKeyBody();
    const first = await post('/ssh-keys', 'canon', { name, public_key });
    const reordered = await cloud.request('POST', '/ssh-keys', {
      rawBody: `{ "public_key": ${JSON.stringify(public_key)},\n  "name": ${JSON.stringify(name)} }`,
      headers: { 'content-type': 'application/json', 'Idempotency-Key': 'canon' },
    });
    expect(reordered.status).toBe(201);
    expect(reordered.headers.get('idempotent-replayed')).toBe('true');
    expect(reordered.body).toEqual(first.body);
  });

  it('refuses the same key with another body or on another path: 409 idempotency_key_reused', async () => {
    const body = newKeyBody();
    await post('/ssh-keys', 'once', body);
    expectCode(await post('/ssh-keys', 'once', { ...body, name: 'other' }), 409, 'idempotency_key_reused');
    expectCode(await post('/firewalls', 'once', body), 409, 'idempotency_key_reused');
    expect(await sshKeyCount()).toBe(1);
  });

  it('keeps each API key’s Idempotency-Keys apart', async () => {
    const created = await cloud.request('POST', '/account/api-keys', {
      body: { name: 'second', permissions: ['ssh_keys:write'] },
    });
    const second = createdApiKeyResponseSchema.parse(created.body).secret;
    await post('/ssh-keys', 'shared', newKeyBody('a'));
    const other = await post('/ssh-keys', 'shared', newKeyBody('b'), second);
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(await sshKeyCount()).toBe(2);
  });

  it('stores a final 4xx too: the same invalid request gets the same answer, replayed', async () => {
    const body = { name: 'bad', public_key: 'not a key' };
    const first = await post('/ssh-keys', 'invalid', body);
    expectCode(first, 400, 'invalid_request');
    const again = await post('/ssh-keys', 'invalid', body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('does not store a refusal that means the request never ran (403), so a retry runs afresh', async () => {
    const created = await cloud.request('POST', '/account/api-keys', {
      body: { name: 'reader', permissions: ['ssh_keys:read'] },
    });
    const reader = createdApiKeyResponseSchema.parse(created.body).secret;
    const body = newKeyBody();
    expectCode(await post('/ssh-keys', 'denied', body, reader), 403, 'forbidden');
    const again = await post('/ssh-keys', 'denied', { other: 'body' }, reader);
    expectCode(again, 403, 'forbidden');
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
  ])('refuses an Idempotency-Key that is %s with 400 on the header', async (_what, key) => {
    const res = await post('/ssh-keys', key, newKeyBody());
    expectCode(res, 400, 'invalid_request');
    expect(res.body.error.details).toMatchObject({
      field: 'Idempotency-Key',
      reason: expect.stringMatching(/255/),
    });
    expect(await sshKeyCount()).toBe(0);
  });

  it('takes a 255-character key, and ignores the header on other methods', async () => {
    expect((await post('/ssh-keys', 'k'.repeat(255), newKeyBody())).status).toBe(201);
    const list = await cloud.request('GET', '/ssh-keys', { headers: { 'Idempotency-Key': '' } });
    expect(list.status).toBe(200);
  });

  it('forgets a key after 24 hours on the cloud clock', async () => {
    await post('/ssh-keys', 'daily', newKeyBody('first'));
    clock.advance(IDEMPOTENCY_KEY_TTL_MS - 1);
    expectCode(await post('/ssh-keys', 'daily', newKeyBody('second')), 409, 'idempotency_key_reused');
    clock.advance(1);
    const fresh = await post('/ssh-keys', 'daily', newKeyBody('second'));
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    expect(fresh.body.ssh_key.name).toBe('second');
  });

  it('answers 409 conflict while the first request under the key is still in flight', async () => {
    const body = JSON.stringify(newKeyBody('held'));
    // The first request announces its body with Expect: 100-continue and sends it only when told to: the
    // server marks the key in flight before it answers 100 Continue, so the hold is exact, not timed.
    const held = httpRequest({
      host: '127.0.0.1',
      port: cloud.port,
      method: 'POST',
      path: '/v1/ssh-keys',
      headers: {
        authorization: `Bearer ${cloud.apiKey}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
        'idempotency-key': 'held',
      },
    });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      held.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      held.on('error', reject);
    });
    const continued = new Promise<void>((resolve) => held.once('continue', resolve));
    held.flushHeaders();
    await continued;

    const meanwhile = await cloud.request('POST', '/ssh-keys', {
      rawBody: body,
      headers: { 'content-type': 'application/json', 'Idempotency-Key': 'held' },
    });
    expectCode(meanwhile, 409, 'conflict');
    expect(meanwhile.body.error.details).toEqual({ idempotency_key: 'held', retryable: true });

    held.end(body);
    const first = await answered;
    expect(first.status).toBe(201);
    const after = await cloud.request('POST', '/ssh-keys', {
      rawBody: body,
      headers: { 'content-type': 'application/json', 'Idempotency-Key': 'held' },
    });
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    expect(after.body).toEqual(JSON.parse(first.text));
  });
});

describe('Idempotency-Key durability', () => {
  it('replays after a restart: the answers are kept in the database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ly-idem-'));
    try {
      const first = await startTestCloud({ dataDir });
      const body = newKeyBody();
      const created = await first.request('POST', '/ssh-keys', {
        body,
        headers: { 'Idempotency-Key': 'restart' },
      });
      await first.close();
      const second = await startTestCloud({ dataDir });
      try {
        const again = await second.request('POST', '/ssh-keys', {
          body,
          headers: { 'Idempotency-Key': 'restart' },
        });
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(again.body).toEqual(created.body);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
