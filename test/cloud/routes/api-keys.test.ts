import {
  apiKeyListSchema,
  apiKeyResponseSchema,
  createdApiKeyResponseSchema,
  errorEnvelopeSchema,
  type CreateApiKeyRequest,
} from '../../../src/api';
import { CloudClock } from '../../../src/cloud/clock';
import { startTestCloud, type TestCloud, type TestResponse } from '../../helpers/local-cloud';

let cloud: TestCloud;
let clock: CloudClock;
beforeEach(async () => {
  clock = new CloudClock();
  cloud = await startTestCloud({ clock });
});
afterEach(() => cloud.close());

async function createKey(request: CreateApiKeyRequest, apiKey?: string) {
  const res = await cloud.request('POST', '/account/api-keys', { body: request, apiKey });
  expect(res.status).toBe(201);
  return createdApiKeyResponseSchema.parse(res.body);
}

function expectError(res: TestResponse, status: number, code: string): Record<string, unknown> {
  expect(res.status).toBe(status);
  const envelope = errorEnvelopeSchema.parse(res.body);
  expect(envelope.error.code).toBe(code);
  return envelope.error.details ?? {};
}

function expectFieldError(res: TestResponse, field: string, reason: RegExp) {
  const details = expectError(res, 400, 'invalid_request');
  expect(details.field).toBe(field);
  expect(details.reason).toMatch(reason);
}

const inOneHour = () => new Date(clock.nowMs() + 3_600_000).toISOString();

describe('POST /account/api-keys', () => {
  it('creates a key: 201, the secret once, only a prefix of it in the key, and the secret works', async () => {
    const expires = inOneHour();
    const before = clock.nowIso();
    const res = await cloud.request('POST', '/account/api-keys', {
      body: { name: '  ci  ', permissions: ['ssh_keys:write', 'account:read'], expires_at: expires },
    });
    expect(res.status).toBe(201);
    const { api_key: key, secret } = createdApiKeyResponseSchema.parse(res.body);
    expect(secret).toMatch(/^ly_[0-9A-Za-z]{40}$/);
    expect(key).toEqual({
      id: expect.stringMatching(/^key_[0-9A-Za-z]{24}$/),
      name: 'ci',
      prefix: secret.slice(0, 9),
      permissions: ['ssh_keys:write', 'account:read'],
      expires_at: expires,
      allowed_ips: null,
      last_used_at: null,
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(key.created_at >= before && key.created_at <= clock.nowIso()).toBe(true);
    expect(res.headers.get('location')).toBe(`/v1/account/api-keys/${key.id}`);

    const own = await cloud.request('GET', `/account/api-keys/${key.id}`, { apiKey: secret });
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).not.toContain(secret);
  });

  it('normalises expires_at to milliseconds and allowed_ips to canonical, de-duplicated CIDRs', async () => {
    const { api_key: key } = await createKey({
      name: 'n',
      permissions: ['*'],
      expires_at: '2999-01-02T03:04:05Z',
      allowed_ips: ['10.1.2.3/8', '2001:DB8:0:0::1', '10.0.0.0/8', '192.0.2.7'],
    });
    expect(key.expires_at).toBe('2999-01-02T03:04:05.000Z');
    expect(key.allowed_ips).toEqual(['10.0.0.0/8', '2001:db8::1/128', '192.0.2.7/32']);
  });

  it.each<[string, unknown, string, RegExp]>([
    [
      'an unknown permission',
      { permissions: ['instances:admin'] },
      'permissions',
      /"instances:admin".*not a permission/,
    ],
    ['a misspelt resource', { permissions: ['ssh-keys:read'] }, 'permissions', /not a permission/],
    ['no permission at all', { permissions: [] }, 'permissions', /at least one/],
    ['a permission twice', { permissions: ['dns:read', 'dns:read'] }, 'permissions', /more than once/],
    ['permissions that are not a list', { permissions: '*' }, 'permissions', /must list permissions/],
    ['an expiry in the past', { expires_at: '2001-01-01T00:00:00Z' }, 'expires_at', /in the future/],
    ['an expiry that is not a timestamp', { expires_at: 'tomorrow' }, 'expires_at', /ISO 8601/],
    ['an expiry with an offset', { expires_at: '2999-01-01T00:00:00+02:00' }, 'expires_at', /ISO 8601/],
    [
      'an address that is not one',
      { allowed_ips: ['10.0.0.300/8'] },
      'allowed_ips',
      /"10.0.0.300\/8".*not an IPv4/,
    ],
    ['a prefix too long', { allowed_ips: ['10.0.0.0/33'] }, 'allowed_ips', /not an IPv4 or IPv6/],
    ['an empty range list', { allowed_ips: [] }, 'allowed_ips', /omit it to allow every address/],
    ['an empty name', { name: '   ' }, 'name', /must not be empty/],
    ['an unknown field', { scopes: ['*'] }, 'scopes', /not a field/],
  ])('refuses %s with 400 on the field', async (_what, patch, field, reason) => {
    const body = { name: 'k', permissions: ['*'], ...(patch as object) };
    expectFieldError(await cloud.request('POST', '/account/api-keys', { body }), field, reason);
  });

  it('takes null for expires_at and allowed_ips as "no limit"', async () => {
    const { api_key: key } = await createKey({
      name: 'n',
      permissions: ['dns:read'],
      expires_at: null,
      allowed_ips: null,
    });
    expect(key).toMatchObject({ expires_at: null, allowed_ips: null });
  });
});

describe('a key cannot create a key with more than it has', () => {
  it('refuses permissions the creating key lacks with 403, naming them; `write` covers `read`', async () => {
    const { secret } = await createKey({
      name: 'admin-ish',
      permissions: ['account:write', 'ssh_keys:write'],
    });

    const star = await cloud.request('POST', '/account/api-keys', {
      apiKey: secret,
      body: { name: 'x', permissions: ['*'] },
    });
    expect(expectError(star, 403, 'forbidden')).toMatchObject({
      field: 'permissions',
      missing_permissions: ['*'],
    });
    const more = await cloud.request('POST', '/account/api-keys', {
      apiKey: secret,
      body: { name: 'x', permissions: ['ssh_keys:read', 'instances:write', 'dns:read'] },
    });
    expect(expectError(more, 403, 'forbidden').missing_permissions).toEqual(['instances:write', 'dns:read']);

    const lesser = await createKey({ name: 'ok', permissions: ['ssh_keys:read', 'account:read'] }, secret);
    expect(lesser.api_key.permissions).toEqual(['ssh_keys:read', 'account:read']);
  });

  it('refuses a later expiry than the creating key, or none at all', async () => {
    const limit = inOneHour();
    const { secret } = await createKey({ name: 'temp', permissions: ['*'], expires_at: limit });
    const never = await cloud.request('POST', '/account/api-keys', {
      apiKey: secret,
      body: { name: 'x', permissions: ['dns:read'] },
    });
    expect(expectError(never, 403, 'forbidden')).toMatchObject({
      field: 'expires_at',
      latest_allowed: limit,
    });
    const later = await cloud.request('POST', '/account/api-keys', {
      apiKey: secret,
      body: {
        name: 'x',
        permissions: ['dns:read'],
        expires_at: new Date(Date.parse(limit) + 1).toISOString(),
      },
    });
    expectError(later, 403, 'forbidden');
    await createKey({ name: 'same', permissions: ['dns:read'], expires_at: limit }, secret);
  });

  it('lets a key limited to an IPv4-mapped range be used from that IPv4 address', async () => {
    const { api_key: key, secret } = await createKey({
      name: 'mapped',
      permissions: ['ssh_keys:read'],
      allowed_ips: ['::ffff:127.0.0.1'],
    });
    expect(key.allowed_ips).toEqual(['127.0.0.1/32']);
    expect((await cloud.request('GET', '/ssh-keys', { apiKey: secret })).status).toBe(200);
  });

  it('refuses ranges outside the creating key’s allowed_ips, or none at all', async () => {
    const { secret } = await createKey({ name: 'local', permissions: ['*'], allowed_ips: ['127.0.0.0/8'] });
    const anywhere = await cloud.request('POST', '/account/api-keys', {
      apiKey: secret,
      body: { name: 'x', permissions: ['dns:read'] },
    });
    expect(expectError(anywhere, 403, 'forbidden')).toMatchObject({
      field: 'allowed_ips',
      outside: ['anywhere'],
    });
    const wider = await cloud.request('POST', '/account/api-keys', {
      apiKey: secret,
      body: { name: 'x', permissions: ['dns:read'], allowed_ips: ['127.0.0.1/32', '126.0.0.0/7'] },
    });
    expect(expectError(wider, 403, 'forbidden').outside).toEqual(['126.0.0.0/7']);
    const inside = await createKey(
      { name: 'in', permissions: ['dns:read'], allowed_ips: ['127.0.0.1'] },
      secret,
    );
    expect(inside.api_key.allowed_ips).toEqual(['127.0.0.1/32']);
  });
});

describe('GET /account/api-keys', () => {
  it('lists keys with prefix, limits and last use, never a secret or its hash', async () => {
    const created = await createKey({
      name: 'listed',
      permissions: ['dns:write'],
      allowed_ips: ['127.0.0.1'],
    });
    const res = await cloud.request('GET', '/account/api-keys');
    expect(res.status).toBe(200);
    const list = apiKeyListSchema.parse(res.body);
    expect(list.meta).toEqual({ total: 2, next_cursor: null });
    expect(list.api_keys.map((k) => k.name)).toEqual(['bootstrap', 'listed']);
    expect(list.api_keys[1]).toEqual(created.api_key);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain(cloud.apiKey);
    expect(text).not.toMatch(/sha256|secret/i);
  });

  it('pages with a cursor and filters by name', async () => {
    for (const name of ['a', 'b', 'a']) await createKey({ name, permissions: ['dns:read'] });
    const first = apiKeyListSchema.parse(
      (await cloud.request('GET', '/account/api-keys?per_page=2&sort=name')).body,
    );
    expect(first.api_keys.map((k) => k.name)).toEqual(['a', 'a']);
    expect(first.meta.total).toBe(4);
    const cursor = encodeURIComponent(first.meta.next_cursor as string);
    const second = apiKeyListSchema.parse(
      (await cloud.request('GET', `/account/api-keys?per_page=2&sort=name&cursor=${cursor}`)).body,
    );
    expect(second.api_keys.map((k) => k.name)).toEqual(['b', 'bootstrap']);
    expect(second.meta.next_cursor).toBeNull();

    const named = apiKeyListSchema.parse((await cloud.request('GET', '/account/api-keys?name=a')).body);
    expect(named.meta.total).toBe(2);
    expectFieldError(await cloud.request('GET', '/account/api-keys?cursor=nope'), 'cursor', /not a cursor/);
    expectFieldError(await cloud.request('GET', '/account/api-keys?per_page=0'), 'per_page', /at least 1/);
    expectFieldError(await cloud.request('GET', '/account/api-keys?sort=prefix'), 'sort', /must be one of/);
  });

  it('GET /{id} answers the key, and 404 for an unknown id', async () => {
    const { api_key: key } = await createKey({ name: 'one', permissions: ['blocks:read'] });
    const res = await cloud.request('GET', `/account/api-keys/${key.id}`);
    expect(apiKeyResponseSchema.parse(res.body).api_key).toEqual(key);
    const missing = await cloud.request('GET', '/account/api-keys/key_doesnotexist');
    expect(expectError(missing, 404, 'not_found')).toMatchObject({
      resource: 'api_key',
      id: 'key_doesnotexist',
    });
  });
});

describe('last_used_at', () => {
  it('is set by the first use and then written at most once a minute', async () => {
    const { api_key: key, secret } = await createKey({ name: 'used', permissions: ['account:read'] });
    const read = async () =>
      apiKeyResponseSchema.parse((await cloud.request('GET', `/account/api-keys/${key.id}`)).body).api_key
        .last_used_at;
    expect(await read()).toBeNull();

    await cloud.request('GET', '/account/api-keys', { apiKey: secret });
    const first = await read();
    expect(first).not.toBeNull();
    clock.advance(30_000);
    await cloud.request('GET', '/account/api-keys', { apiKey: secret });
    expect(await read()).toBe(first);
    clock.advance(31_000);
    await cloud.request('GET', '/account/api-keys', { apiKey: secret });
    expect(Date.parse((await read()) as string)).toBeGreaterThanOrEqual(Date.parse(first as string) + 61_000);
  });
});

describe('limits of a key at authentication', () => {
  it('an expired key is 401 authentication_failed from the moment it expires', async () => {
    const { secret } = await createKey({ name: 'brief', permissions: ['dns:read'], expires_at: inOneHour() });
    expect((await cloud.request('GET', '/domains', { apiKey: secret })).status).toBe(200);
    clock.advance(3_600_000);
    const res = await cloud.request('GET', '/domains', { apiKey: secret });
    expectError(res, 401, 'authentication_failed');
    expect(res.body.error.message).toMatch(/expired/);
    expect(JSON.stringify(res.body)).not.toContain(secret);
  });

  it('a request from outside allowed_ips is 403 forbidden; from inside it is served', async () => {
    const elsewhere = await createKey({
      name: 'office',
      permissions: ['dns:read'],
      allowed_ips: ['10.0.0.0/8', '::1'],
    });
    const res = await cloud.request('GET', '/domains', { apiKey: elsewhere.secret });
    expect(expectError(res, 403, 'forbidden')).toMatchObject({
      remote_address: '127.0.0.1',
      allowed_ips: ['10.0.0.0/8', '::1/128'],
    });
    const here = await createKey({ name: 'here', permissions: ['dns:read'], allowed_ips: ['127.0.0.0/8'] });
    expect((await cloud.request('GET', '/domains', { apiKey: here.secret })).status).toBe(200);
  });
});

describe('DELETE /account/api-keys/{id}', () => {
  it('revokes at once: 204, then the key is 401, and a second delete is 404', async () => {
    const { api_key: key, secret } = await createKey({ name: 'gone', permissions: ['dns:read'] });
    expect((await cloud.request('GET', '/domains', { apiKey: secret })).status).toBe(200);
    const res = await cloud.request('DELETE', `/account/api-keys/${key.id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expectError(await cloud.request('GET', '/domains', { apiKey: secret }), 401, 'authentication_failed');
    expectError(await cloud.request('DELETE', `/account/api-keys/${key.id}`), 404, 'not_found');
  });

  it('lets a key delete itself', async () => {
    const { api_key: key, secret } = await createKey({ name: 'self', permissions: ['account:write'] });
    expect((await cloud.request('DELETE', `/account/api-keys/${key.id}`, { apiKey: secret })).status).toBe(
      204,
    );
    expectError(
      await cloud.request('GET', '/account/api-keys', { apiKey: secret }),
      401,
      'authentication_failed',
    );
  });

  it('refuses to delete the bootstrap key with 409, even when another key is named bootstrap', async () => {
    const list = apiKeyListSchema.parse((await cloud.request('GET', '/account/api-keys')).body);
    const bootstrap = list.api_keys.find((k) => k.name === 'bootstrap');
    const impostor = await createKey({ name: 'bootstrap', permissions: ['dns:read'] });
    const res = await cloud.request('DELETE', `/account/api-keys/${bootstrap?.id}`);
    expect(expectError(res, 409, 'conflict')).toMatchObject({ reason: 'bootstrap_key' });
    expect((await cloud.request('GET', '/domains')).status).toBe(200);
    expect((await cloud.request('DELETE', `/account/api-keys/${impostor.api_key.id}`)).status).toBe(204);
  });
});

describe('permissions of the api-keys routes', () => {
  it('account:read lists and reads but cannot create or delete; account:write does all', async () => {
    const reader = await createKey({ name: 'r', permissions: ['account:read'] });
    expect((await cloud.request('GET', '/account/api-keys', { apiKey: reader.secret })).status).toBe(200);
    const create = await cloud.request('POST', '/account/api-keys', {
      apiKey: reader.secret,
      body: { name: 'x', permissions: ['account:read'] },
    });
    expect(expectError(create, 403, 'forbidden')).toMatchObject({ required_permission: 'account:write' });
    const del = await cloud.request('DELETE', `/account/api-keys/${reader.api_key.id}`, {
      apiKey: reader.secret,
    });
    expectError(del, 403, 'forbidden');

    const writer = await createKey({ name: 'w', permissions: ['account:write'] });
    expect((await cloud.request('GET', '/account/api-keys', { apiKey: writer.secret })).status).toBe(200);
  });
});
