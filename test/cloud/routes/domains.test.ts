import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  dnsRecordChangedEventSchema,
  domainListSchema,
  domainResponseSchema,
  errorEnvelopeSchema,
  type DnsRecordChangedEvent,
} from '../../../src/api';
import { startTestCloud, type TestCloud, type TestResponse } from '../../helpers/local-cloud';

let cloud: TestCloud;
let dataDir: string;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'domains-test-'));
  cloud = await startTestCloud({ dataDir });
});
afterEach(async () => {
  await cloud.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The dns.record_changed events as committed, read from the database file as webhook delivery reads it. */
function recordEvents(): DnsRecordChangedEvent[] {
  const db = new Database(join(dataDir, 'cloud.db'), { readonly: true });
  try {
    const rows = db
      .prepare("SELECT data FROM events WHERE type = 'dns.record_changed' ORDER BY seq")
      .all() as {
      data: string;
    }[];
    return rows.map((row) => dnsRecordChangedEventSchema.parse(JSON.parse(row.data)));
  } finally {
    db.close();
  }
}

async function createDomain(domain: string) {
  const res = await cloud.request('POST', '/domains', { body: { domain } });
  expect(res.status).toBe(201);
  return domainResponseSchema.parse(res.body).domain;
}

function expectError(res: TestResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  const envelope = errorEnvelopeSchema.parse(res.body);
  expect(envelope.error.code).toBe(code);
  return envelope.error;
}

function expectFieldError(res: TestResponse, field: string, reason: string | RegExp) {
  const error = expectError(res, 400, 'invalid_request');
  expect(error.details?.field).toBe(field);
  expect(error.details?.reason).toEqual(typeof reason === 'string' ? reason : expect.stringMatching(reason));
  expect(error.message).toContain(field);
}

describe('POST /domains', () => {
  it('registers a domain: 201, lower-case without the trailing dot, Location by name', async () => {
    const res = await cloud.request('POST', '/domains', { body: { domain: 'Example.COM.' } });
    expect(res.status).toBe(201);
    const { domain } = domainResponseSchema.parse(res.body);
    expect(domain.domain).toBe('example.com');
    expect(domain.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Object.keys(domain).sort()).toEqual(['created_at', 'domain']);
    expect(res.headers.get('location')).toBe('/v1/domains/example.com');
  });

  it('accepts an internationalized domain in punycode', async () => {
    expect((await createDomain('XN--BCHER-KVA.example')).domain).toBe('xn--bcher-kva.example');
  });

  it('409 conflict for a domain already registered, in any spelling', async () => {
    await createDomain('example.com');
    const error = expectError(
      await cloud.request('POST', '/domains', { body: { domain: 'EXAMPLE.com.' } }),
      409,
      'conflict',
    );
    expect(error.details).toMatchObject({
      field: 'domain',
      reason: 'is already registered',
      domain: 'example.com',
    });
    expect(error.message).toBe('The domain example.com is already registered.');
  });

  it('can register a domain again once it was deleted', async () => {
    await createDomain('example.com');
    expect((await cloud.request('DELETE', '/domains/example.com')).status).toBe(204);
    expect((await createDomain('example.com')).domain).toBe('example.com');
  });

  it.each([
    ['com', 'must have at least two labels, such as example.com'],
    ['', 'must not be empty'],
    ['exa_mple.com', /it contains "_"$/],
    ['-example.com', /starts or ends with a hyphen/],
    ['example..com', /empty label/],
    [`${'a'.repeat(64)}.com`, /the limit is 63$/],
    [`${'a'.repeat(250)}.com`, 'must be at most 253 characters long (it is 254)'],
    ['192.0.2.1', /an IP address is not a domain name/],
    ['*.example.com', /it contains "\*"$/],
    ['bücher.example', /send the punycode form "xn--bcher-kva.example"$/],
  ])('400 on domain for %j', async (domain, reason) => {
    expectFieldError(await cloud.request('POST', '/domains', { body: { domain } }), 'domain', reason);
  });

  it('400 for a missing domain, a non-string one, and unknown fields', async () => {
    expectFieldError(await cloud.request('POST', '/domains', { body: {} }), 'domain', 'is required');
    expectFieldError(
      await cloud.request('POST', '/domains', { body: { domain: 7 } }),
      'domain',
      'must be a string',
    );
    expectFieldError(
      await cloud.request('POST', '/domains', { body: { domain: 'example.com', ttl: 300 } }),
      'ttl',
      'is not a field this request accepts',
    );
  });
});

describe('GET /domains', () => {
  it('lists domains by creation, pages with a stable cursor, and sorts by name', async () => {
    for (const name of ['c.example', 'a.example', 'b.example']) await createDomain(name);

    const first = await cloud.request('GET', '/domains?per_page=2');
    expect(first.status).toBe(200);
    const page1 = domainListSchema.parse(first.body);
    expect(page1.domains.map((d) => d.domain)).toEqual(['c.example', 'a.example']);
    expect(page1.meta.total).toBe(3);
    expect(page1.meta.next_cursor).not.toBeNull();

    await createDomain('0.example'); // inserted mid-walk: neither skips nor repeats a domain
    const second = await cloud.request('GET', `/domains?per_page=2&cursor=${page1.meta.next_cursor}`);
    const page2 = domainListSchema.parse(second.body);
    expect(page2.domains.map((d) => d.domain)).toEqual(['b.example', '0.example']);
    expect(page2.meta.next_cursor).toBeNull();

    const byName = domainListSchema.parse(
      (await cloud.request('GET', '/domains?sort=domain&order=desc')).body,
    );
    expect(byName.domains.map((d) => d.domain)).toEqual(['c.example', 'b.example', 'a.example', '0.example']);
  });

  it('400 for an unknown sort, an unknown parameter and a foreign cursor', async () => {
    expectFieldError(
      await cloud.request('GET', '/domains?sort=name'),
      'sort',
      'must be one of "created_at", "domain"',
    );
    expectFieldError(
      await cloud.request('GET', '/domains?type=A'),
      'type',
      'is not a field this request accepts',
    );
    expectFieldError(
      await cloud.request('GET', '/domains?cursor=garbage'),
      'cursor',
      /^is not a cursor this API issued/,
    );
  });
});

describe('GET /domains/{domain}', () => {
  it('finds a domain by its name in any case and with a trailing dot', async () => {
    const created = await createDomain('example.com');
    for (const path of ['example.com', 'EXAMPLE.Com', 'example.com.', 'Example.com%2E']) {
      const res = await cloud.request('GET', `/domains/${path}`);
      expect(res.status).toBe(200);
      expect(domainResponseSchema.parse(res.body).domain).toEqual(created);
    }
  });

  it.each(['unknown.example', 'not a name', 'a..b', '%2E%2E%2Fetc', 'com'])(
    '404 not_found for %j',
    async (name) => {
      await createDomain('example.com');
      const error = expectError(await cloud.request('GET', `/domains/${name}`), 404, 'not_found');
      expect(error.details).toMatchObject({ resource: 'domain' });
    },
  );
});

describe('DELETE /domains/{domain}', () => {
  it('removes the domain and its records, with a deleted event for each record', async () => {
    await createDomain('example.com');
    await createDomain('other.example');
    const created = [];
    for (const body of [
      { type: 'A', name: 'www', data: '203.0.113.1' },
      { type: 'TXT', name: '', data: 'hello' },
    ]) {
      const res = await cloud.request('POST', '/domains/example.com/records', { body });
      expect(res.status).toBe(201);
      created.push(res.body.record);
    }
    const kept = await cloud.request('POST', '/domains/other.example/records', {
      body: { type: 'A', name: 'www', data: '203.0.113.9' },
    });

    const res = await cloud.request('DELETE', '/domains/Example.com.');
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expectError(await cloud.request('GET', '/domains/example.com'), 404, 'not_found');
    expectError(
      await cloud.request('GET', `/domains/example.com/records/${created[0].id}`),
      404,
      'not_found',
    );

    const deletions = recordEvents().filter((event) => event.action === 'deleted');
    expect(deletions).toEqual(
      created.map((record) => ({ action: 'deleted', domain: 'example.com', record })),
    );
    // Registering the name again starts empty: the old records are gone from the database, not hidden.
    await createDomain('example.com');
    expect((await cloud.request('GET', '/domains/example.com/records')).body.meta.total).toBe(0);
    expect((await cloud.request('GET', `/domains/other.example/records/${kept.body.record.id}`)).status).toBe(
      200,
    );
  });

  it('404 for an unknown domain', async () => {
    expectError(await cloud.request('DELETE', '/domains/unknown.example'), 404, 'not_found');
  });
});

describe('permissions', () => {
  async function keyWith(permissions: string[]): Promise<string> {
    const res = await cloud.request('POST', '/account/api-keys', { body: { name: 'scoped', permissions } });
    expect(res.status).toBe(201);
    return res.body.secret as string;
  }

  it('dns:read may list and read but not write; dns:write may do both; other scopes neither', async () => {
    await createDomain('example.com');
    const reader = await keyWith(['dns:read']);
    const writer = await keyWith(['dns:write']);
    const stranger = await keyWith(['ssh_keys:write']);

    expect((await cloud.request('GET', '/domains', { apiKey: reader })).status).toBe(200);
    expect((await cloud.request('GET', '/domains/example.com/records', { apiKey: reader })).status).toBe(200);
    const refused = expectError(
      await cloud.request('POST', '/domains', { body: { domain: 'new.example' }, apiKey: reader }),
      403,
      'forbidden',
    );
    expect(refused.details).toMatchObject({ required_permission: 'dns:write' });
    expectError(
      await cloud.request('POST', '/domains/example.com/records', {
        body: { type: 'A', name: 'x', data: '203.0.113.1' },
        apiKey: reader,
      }),
      403,
      'forbidden',
    );
    expect(
      (await cloud.request('POST', '/domains', { body: { domain: 'new.example' }, apiKey: writer })).status,
    ).toBe(201);
    expect((await cloud.request('GET', '/domains', { apiKey: writer })).status).toBe(200);
    expectError(await cloud.request('GET', '/domains', { apiKey: stranger }), 403, 'forbidden');
    expectError(await cloud.request('GET', '/domains', { apiKey: null }), 401, 'authentication_failed');
  });
});
