import { request as httpRequest } from 'node:http';
import {
  clockResponseSchema,
  errorEnvelopeSchema,
  eventResponseSchema,
  faultListSchema,
  faultResponseSchema,
  requestLogSchema,
  seedResponseSchema,
} from '../../../src/api';
import { INSTANT_DURATIONS } from '../../../src/cloud';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { generateSshPublicKey } from '../../helpers/ssh-keys';

let cloud: TestCloud;
beforeEach(async () => {
  cloud = await startTestCloud({ lifecycle: INSTANT_DURATIONS });
});
afterEach(() => cloud.close());

interface ControlResponse {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** A request to `<origin>/_local<path>` with the bootstrap key unless told otherwise. */
async function control(
  method: string,
  path: string,
  options: { body?: unknown; apiKey?: string | null } = {},
): Promise<ControlResponse> {
  const headers: Record<string, string> = {};
  const apiKey = options.apiKey === undefined ? cloud.apiKey : options.apiKey;
  if (apiKey !== null) headers.authorization = `Bearer ${apiKey}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${cloud.origin}/_local${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

function expectFieldError(res: ControlResponse, field: string) {
  expect(res.status).toBe(400);
  const envelope = errorEnvelopeSchema.parse(res.body);
  expect(envelope.error.code).toBe('invalid_request');
  expect(envelope.error.details?.field).toBe(field);
}

async function createSshKey(name = 'k') {
  const res = await cloud.request('POST', '/ssh-keys', {
    body: { name, public_key: generateSshPublicKey('ed25519').line },
  });
  expect(res.status).toBe(201);
  return res.body.ssh_key as { id: string };
}

describe('authentication of /_local', () => {
  it('needs a key: 401 without one or with an unknown one', async () => {
    for (const apiKey of [null, 'ly_0000000000000000000000000000000000000000']) {
      const res = await control('GET', '/clock', { apiKey });
      expect(res.status).toBe(401);
      expect(errorEnvelopeSchema.parse(res.body).error.code).toBe('authentication_failed');
    }
  });

  it('needs the * permission: 403 for a scoped key, even one with every scope', async () => {
    const created = await cloud.request('POST', '/account/api-keys', {
      body: { name: 'scoped', permissions: ['ssh_keys:write', 'webhooks:write', 'account:write'] },
    });
    expect(created.status).toBe(201);
    const res = await control('POST', '/reset', { apiKey: created.body.secret as string });
    expect(res.status).toBe(403);
    expect(errorEnvelopeSchema.parse(res.body).error.details).toEqual({ required_permission: '*' });
  });

  it('answers 404 for an unknown control path, after authentication', async () => {
    expect((await control('GET', '/nothing-here', { apiKey: null })).status).toBe(401);
    expect((await control('GET', '/nothing-here')).status).toBe(404);
    expect((await control('GET', '/reset')).status).toBe(404);
  });
});

describe('POST /_local/reset', () => {
  it('empties every resource, keeps API keys, and clears faults and the request log', async () => {
    await createSshKey();
    const scoped = await cloud.request('POST', '/account/api-keys', {
      body: { name: 'kept', permissions: ['ssh_keys:read'] },
    });
    await control('POST', '/faults', { body: { method: 'GET', path: '/v1/regions', status: 503 } });

    const res = await control('POST', '/reset');
    expect(res.status).toBe(204);

    const keys = await cloud.request('GET', '/ssh-keys');
    expect(keys.body.ssh_keys).toEqual([]);
    expect((await cloud.request('GET', '/ssh-keys', { apiKey: scoped.body.secret as string })).status).toBe(
      200,
    );
    expect(faultListSchema.parse((await control('GET', '/faults')).body).faults).toEqual([]);
    const logged = requestLogSchema.parse((await control('GET', '/requests')).body).requests;
    expect(logged.map((r) => r.path)).toEqual(['/v1/ssh-keys', '/v1/ssh-keys']);
  });

  it('lets new objects be created after it, and webhooks deliver events emitted after it', async () => {
    await createSshKey();
    await control('POST', '/reset');
    await createSshKey();
    const list = await cloud.request('GET', '/ssh-keys');
    expect(list.body.meta.total).toBe(1);
  });
});

describe('POST /_local/seed', () => {
  it('creates the demo data set through the API, all of it readable there', async () => {
    const res = await control('POST', '/seed');
    expect(res.status).toBe(201);
    const { seeded, skipped } = seedResponseSchema.parse(res.body);
    expect(skipped).toEqual([]);
    expect(seeded.map((s) => s.kind)).toEqual([
      'ssh_key',
      'ssh_key',
      'firewall',
      'instance',
      'domain',
      'record',
    ]);
    const paths: Record<string, string> = {
      ssh_key: '/ssh-keys/',
      firewall: '/firewalls/',
      instance: '/instances/',
      domain: '/domains/',
    };
    for (const { kind, id } of seeded) {
      if (kind === 'record') continue;
      expect((await cloud.request('GET', `${paths[kind]}${id}`)).status).toBe(200);
    }
    const instance = (await cloud.request('GET', `/instances/${seeded[3]?.id}`)).body.instance;
    expect([...instance.ssh_key_ids].sort()).toEqual([seeded[0]?.id, seeded[1]?.id].sort());
    expect(instance.firewall_id).toBe(seeded[2]?.id);
    const records = await cloud.request('GET', '/domains/example.com/records');
    expect(records.body.records.map((r: { id: string }) => r.id)).toEqual([seeded[5]?.id]);
  });

  it('refuses to seed twice with 409 conflict and changes nothing', async () => {
    expect((await control('POST', '/seed')).status).toBe(201);
    const again = await control('POST', '/seed');
    expect(again.status).toBe(409);
    expect(errorEnvelopeSchema.parse(again.body).error.message).toMatch(/already there.*\/_local\/reset/);
    expect((await cloud.request('GET', '/ssh-keys')).body.meta.total).toBe(2);

    await control('POST', '/reset');
    expect((await control('POST', '/seed')).status).toBe(201);
  });
});

describe('the clock', () => {
  it('GET /_local/clock tells the time; advance moves it forward by exactly ms', async () => {
    const before = clockResponseSchema.parse((await control('GET', '/clock')).body).clock.now;
    const res = await control('POST', '/clock/advance', { body: { ms: 86_400_000 } });
    expect(res.status).toBe(200);
    const after = clockResponseSchema.parse(res.body).clock.now;
    const moved = Date.parse(after) - Date.parse(before);
    expect(moved).toBeGreaterThanOrEqual(86_400_000);
    expect(moved).toBeLessThan(86_400_000 + 5000);
    // Objects created now carry the advanced time.
    const key = await cloud.request('POST', '/ssh-keys', {
      body: { name: 'later', public_key: generateSshPublicKey('ed25519').line },
    });
    expect(Date.parse(key.body.ssh_key.created_at)).toBeGreaterThanOrEqual(Date.parse(after));
  });

  it.each([
    [{ ms: -1 }, 'ms'],
    [{ ms: 1.5 }, 'ms'],
    [{ ms: '10' }, 'ms'],
    [{}, 'ms'],
    [{ ms: 1, extra: true }, 'extra'],
  ])('refuses %j with 400', async (body, field) => {
    expectFieldError(await control('POST', '/clock/advance', { body }), field);
  });

  it('POST /_local/lifecycle/tick applies due transitions and answers the time', async () => {
    await cloud.close();
    cloud = await startTestCloud({
      lifecycle: { ...INSTANT_DURATIONS, provisionMs: 60_000 },
    });
    const created = await cloud.request('POST', '/instances', {
      body: { region: 'ams', plan: 'vc2-1c-1gb', image: 'debian-12', label: 'tick' },
    });
    expect(created.status).toBe(202);
    expect(created.body.instance.status).toBe('pending');
    cloud.clock.advance(60_000);
    const tick = await control('POST', '/lifecycle/tick');
    expect(tick.status).toBe(200);
    expect(clockResponseSchema.parse(tick.body).clock.now).toEqual(expect.any(String));
    const read = await cloud.request('GET', `/instances/${created.body.instance.id}`);
    expect(read.body.instance.status).toBe('active');
  });
});

describe('fault injection', () => {
  it('answers the next count matching requests with the status and the error envelope, then stops', async () => {
    const armed = await control('POST', '/faults', {
      body: { method: 'GET', path: '/v1/ssh-keys', count: 2, status: 503, retry_after: 7 },
    });
    expect(armed.status).toBe(201);
    const { fault } = faultResponseSchema.parse(armed.body);
    expect(fault).toMatchObject({ method: 'GET', path: '/v1/ssh-keys', count: 2, remaining: 2, status: 503 });

    for (let i = 0; i < 2; i += 1) {
      const res = await cloud.request('GET', '/ssh-keys');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('x-request-id')).toMatch(/^req_/);
      const envelope = errorEnvelopeSchema.parse(res.body);
      expect(envelope.error.code).toBe('service_unavailable');
      expect(envelope.error.details).toEqual({ injected_fault: true });
    }
    expect((await cloud.request('GET', '/ssh-keys')).status).toBe(200);
    expect(faultListSchema.parse((await control('GET', '/faults')).body).faults).toEqual([]);
  });

  it('matches by method and by exact or prefix path, and a faulted POST changes nothing', async () => {
    await control('POST', '/faults', { body: { method: 'POST', path: '/v1/ssh-keys/*', status: 500 } });
    await control('POST', '/faults', { body: { method: '*', path: '/v1/ssh-keys', status: 429 } });
    expect(faultListSchema.parse((await control('GET', '/faults')).body).faults).toHaveLength(2);

    const post = await cloud.request('POST', '/ssh-keys', {
      body: { name: 'never', public_key: generateSshPublicKey('ed25519').line },
    });
    expect(post.status).toBe(429);
    expect(errorEnvelopeSchema.parse(post.body).error.code).toBe('rate_limit_exceeded');
    expect((await cloud.request('GET', '/ssh-keys')).body.meta.total).toBe(0);

    const key = await createSshKey();
    expect((await cloud.request('GET', `/ssh-keys/${key.id}`)).status).toBe(200);
    const patch = await cloud.request('PATCH', `/ssh-keys/${key.id}`, { body: { name: 'x' } });
    expect(patch.status).toBe(200);
    // The prefix fault still waits for its POST.
    expect(faultListSchema.parse((await control('GET', '/faults')).body).faults).toEqual([
      expect.objectContaining({ path: '/v1/ssh-keys/*', remaining: 1 }),
    ]);
    const action = await cloud.request('POST', `/ssh-keys/${key.id}/anything`, { body: {} });
    expect(action.status).toBe(500);
  });

  it('delays a request by delay_ms, then serves it', async () => {
    await control('POST', '/faults', { body: { method: 'GET', path: '/v1/regions', delay_ms: 300 } });
    const started = Date.now();
    const res = await cloud.request('GET', '/regions');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drops the connection without an answer', async () => {
    await control('POST', '/faults', { body: { method: 'GET', path: '/v1/regions', drop: true } });
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(`${cloud.url}/regions`, {
        headers: { authorization: `Bearer ${cloud.apiKey}` },
        agent: false,
      });
      req.on('response', (res) => resolve(`answered ${res.statusCode}`));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end();
    });
    expect(outcome).toBe('ECONNRESET');
    expect((await cloud.request('GET', '/regions')).status).toBe(200);
  });

  it('logs a dropped request as unanswered in the access log, not with a status it never sent', async () => {
    const lines: string[] = [];
    const logged = await startTestCloud({ lifecycle: INSTANT_DURATIONS, log: (line) => lines.push(line) });
    try {
      await fetch(`${logged.origin}/_local/faults`, {
        method: 'POST',
        headers: { authorization: `Bearer ${logged.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'GET', path: '/v1/regions', drop: true }),
      });
      await fetch(`${logged.url}/regions`, { headers: { authorization: `Bearer ${logged.apiKey}` } }).catch(
        () => undefined,
      );
      const line = lines.find((l) => l.includes(' GET /v1/regions '));
      expect(line).toMatch(/ GET \/v1\/regions unanswered /);
    } finally {
      await logged.close();
    }
  });

  it('after_handling: the request is handled, its answer lost, and a retry with its idempotency key replays it', async () => {
    await control('POST', '/faults', {
      body: { method: 'POST', path: '/v1/ssh-keys', status: 500, after_handling: true },
    });
    const body = { name: 'once', public_key: generateSshPublicKey('ed25519').line };
    const headers = { 'idempotency-key': 'retry-me' };
    const first = await cloud.request('POST', '/ssh-keys', { body, headers });
    expect(first.status).toBe(500);
    expect(errorEnvelopeSchema.parse(first.body).error.details).toMatchObject({ injected_fault: true });
    // The key exists although the client was told the create failed.
    expect((await cloud.request('GET', '/ssh-keys')).body.meta.total).toBe(1);
    const retry = await cloud.request('POST', '/ssh-keys', { body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await cloud.request('GET', '/ssh-keys')).body.meta.total).toBe(1);
  });

  it('hits about the asked share of requests with a probability, and lists it', async () => {
    const armed = await control('POST', '/faults', {
      body: { method: 'GET', path: '/v1/regions', count: 1000, status: 503, probability: 0.2, seed: 11 },
    });
    expect(faultResponseSchema.parse(armed.body).fault).toMatchObject({
      probability: 0.2,
      after_handling: false,
    });
    let failed = 0;
    for (let i = 0; i < 100; i++) if ((await cloud.request('GET', '/regions')).status === 503) failed++;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(40);
  });

  it('applies to /v1 only, and DELETE /_local/faults disarms everything', async () => {
    await control('POST', '/faults', { body: { method: '*', path: '/v1*', count: 100, status: 500 } });
    expect((await control('GET', '/faults')).status).toBe(200);
    expect((await cloud.request('GET', '/regions')).status).toBe(500);
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect((await cloud.request('GET', '/regions')).status).toBe(200);
  });

  it.each([
    ['no action', { method: 'GET', path: '/v1/regions' }, '(body)'],
    ['two actions', { method: 'GET', path: '/v1/regions', status: 500, drop: true }, '(body)'],
    ['a status without an error code', { method: 'GET', path: '/v1/regions', status: 502 }, 'status'],
    ['retry_after with a 500', { method: 'GET', path: '/v1/x', status: 500, retry_after: 1 }, 'retry_after'],
    ['a path outside /v1', { method: 'GET', path: '/_local/clock', status: 500 }, 'path'],
    ['a star inside the path', { method: 'GET', path: '/v1/*/x', status: 500 }, 'path'],
    ['an unknown method', { method: 'HEAD', path: '/v1/regions', status: 500 }, 'method'],
    ['count 0', { method: 'GET', path: '/v1/regions', count: 0, status: 500 }, 'count'],
    ['drop: false', { method: 'GET', path: '/v1/regions', drop: false }, 'drop'],
    ['a delay over a minute', { method: 'GET', path: '/v1/regions', delay_ms: 60_001 }, 'delay_ms'],
  ])('refuses %s with 400', async (_label, body, field) => {
    expectFieldError(await control('POST', '/faults', { body }), field);
  });
});

describe('the request log', () => {
  it('records /v1 requests with status, request id, key id and fault, never the secret; filters; clears', async () => {
    await control('POST', '/faults', { body: { method: 'GET', path: '/v1/regions', status: 503 } });
    const faulted = await cloud.request('GET', '/regions');
    const ok = await cloud.request('GET', '/regions');
    const unauthenticated = await cloud.request('GET', '/ssh-keys', { apiKey: null });
    await cloud.request('GET', '/ssh-keys/sshk_missing');

    const res = await control('GET', '/requests');
    expect(res.status).toBe(200);
    const requests = requestLogSchema.parse(res.body).requests;
    expect(JSON.stringify(res.body)).not.toContain(cloud.apiKey);
    expect(requests.map((r) => [r.method, r.path, r.status, r.fault])).toEqual([
      ['GET', '/v1/regions', 503, 'status'],
      ['GET', '/v1/regions', 200, null],
      ['GET', '/v1/ssh-keys', 401, null],
      ['GET', '/v1/ssh-keys/sshk_missing', 404, null],
    ]);
    expect(requests[0]?.request_id).toBe(faulted.headers.get('x-request-id'));
    expect(requests[1]?.request_id).toBe(ok.headers.get('x-request-id'));
    expect(requests[1]?.api_key_id).toMatch(/^key_/);
    expect(requests[2]?.api_key_id).toBeNull();
    expect(requests[2]?.request_id).toBe(unauthenticated.headers.get('x-request-id'));

    const byStatus = requestLogSchema.parse((await control('GET', '/requests?status=200')).body).requests;
    expect(byStatus.map((r) => r.path)).toEqual(['/v1/regions']);
    const byPrefix = requestLogSchema.parse(
      (await control('GET', '/requests?path=/v1/ssh-keys*')).body,
    ).requests;
    expect(byPrefix).toHaveLength(2);
    const byExact = requestLogSchema.parse(
      (await control('GET', '/requests?path=/v1/ssh-keys')).body,
    ).requests;
    expect(byExact).toHaveLength(1);
    const byKey = requestLogSchema.parse(
      (await control('GET', `/requests?api_key_id=${requests[1]?.api_key_id}&method=get`)).body,
    ).requests;
    expect(byKey).toHaveLength(2);

    expect((await control('DELETE', '/requests')).status).toBe(204);
    expect(requestLogSchema.parse((await control('GET', '/requests')).body).requests).toEqual([]);
  });

  it('records a dropped request with a null status', async () => {
    await control('POST', '/faults', { body: { method: 'GET', path: '/v1/regions', drop: true } });
    await expect(cloud.request('GET', '/regions')).rejects.toThrow();
    const requests = requestLogSchema.parse((await control('GET', '/requests')).body).requests;
    expect(requests).toEqual([expect.objectContaining({ path: '/v1/regions', status: null, fault: 'drop' })]);
  });

  it('keeps only the newest requestLogSize requests', async () => {
    await cloud.close();
    cloud = await startTestCloud({ requestLogSize: 3 });
    for (let i = 0; i < 5; i += 1) await cloud.request('GET', `/ssh-keys/sshk_${i}`);
    const requests = requestLogSchema.parse((await control('GET', '/requests')).body).requests;
    expect(requests.map((r) => r.path)).toEqual([
      '/v1/ssh-keys/sshk_2',
      '/v1/ssh-keys/sshk_3',
      '/v1/ssh-keys/sshk_4',
    ]);
  });

  it('refuses an unknown filter or a bad status with 400', async () => {
    expectFieldError(await control('GET', '/requests?status=abc'), 'status');
    expectFieldError(await control('GET', '/requests?limit=3'), 'limit');
  });
});

describe('POST /_local/events', () => {
  it('emits a billing event with the given data', async () => {
    const res = await control('POST', '/events', {
      body: { type: 'billing.payment_failed', data: { invoice: { id: 'inv_1' } } },
    });
    expect(res.status).toBe(201);
    const { event } = eventResponseSchema.parse(res.body);
    expect(event).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: 'billing.payment_failed',
      created_at: expect.any(String),
      data: { invoice: { id: 'inv_1' } },
    });
  });

  it('refuses other event types, and data that is not an object', async () => {
    expectFieldError(await control('POST', '/events', { body: { type: 'instance.created' } }), 'type');
    expectFieldError(
      await control('POST', '/events', { body: { type: 'billing.invoice_created', data: [1] } }),
      'data',
    );
    expect((await control('POST', '/events')).status).toBe(400);
  });
});
