import { LightyearClient } from '../../src/client/client';
import { isApiError, isNotFoundError } from '../../src/client/errors';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';

// Domains (addressed by name) and their records through the client, against the real local cloud over HTTP.
let cloud: TestCloud;
let client: LightyearClient;

beforeEach(async () => {
  cloud = await startTestCloud();
  client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url });
});

afterEach(async () => {
  await client.close();
  await cloud.close();
});

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

describe('domains', () => {
  it('registers in canonical form, reads by name, lists, refuses a duplicate and deletes', async () => {
    const created = await client.domains.create({ domain: 'Example.COM.' });
    expect(created.domain).toBe('example.com');
    await client.domains.create({ domain: 'another.org' });
    await expect(client.domains.get('example.com')).resolves.toEqual(created);

    const sorted = await client.domains.listAll({ sort: 'domain' });
    expect(sorted.map((each) => each.domain)).toEqual(['another.org', 'example.com']);

    const again = await caught(client.domains.create({ domain: 'EXAMPLE.com' }));
    expect(isApiError(again, 'conflict')).toBe(true);

    await client.domains.delete('example.com');
    expect(isNotFoundError(await caught(client.domains.get('example.com')))).toBe(true);
  });
});

describe('dns records', () => {
  it('creates, reads, lists with filters, updates and deletes, through either accessor', async () => {
    await client.domains.create({ domain: 'example.com' });
    const records = client.domains.records('example.com');
    const www = await records.create({ type: 'A', name: 'www', data: '203.0.113.10' });
    expect(www).toMatchObject({ domain: 'example.com', type: 'A', name: 'www', ttl: 300, priority: null });
    const mail = await records.create({ type: 'MX', name: '@', data: 'Mail.Example.com.', priority: 10 });
    expect(mail).toMatchObject({ name: '', data: 'mail.example.com', priority: 10 });

    // The same collection, reached from the client.
    await expect(client.dnsRecords('example.com').get(www.id)).resolves.toEqual(www);
    expect((await records.listAll({ type: 'MX' })).map((each) => each.id)).toEqual([mail.id]);
    expect((await records.listAll({ name: '@' })).map((each) => each.id)).toEqual([mail.id]);
    expect((await records.list({ per_page: 1 })).nextCursor).toEqual(expect.any(String));

    const moved = await records.update(www.id, { data: '203.0.113.11', ttl: 600 });
    expect(moved).toMatchObject({ id: www.id, data: '203.0.113.11', ttl: 600 });

    await records.delete(www.id);
    expect(isNotFoundError(await caught(records.get(www.id)))).toBe(true);
    expect(isNotFoundError(await caught(client.dnsRecords('nowhere.example').listAll()))).toBe(true);
  });

  it('reports a bad record as a field error and a CNAME clash as a conflict', async () => {
    await client.domains.create({ domain: 'example.com' });
    const records = client.dnsRecords('example.com');
    const notIpv4 = await caught(records.create({ type: 'A', name: 'www', data: '2001:db8::1' }));
    expect(notIpv4).toMatchObject({ code: 'invalid_request', field: 'data' });

    await records.create({ type: 'A', name: 'www', data: '203.0.113.10' });
    const clash = await caught(records.create({ type: 'CNAME', name: 'www', data: 'example.net' }));
    expect(isApiError(clash, 'conflict')).toBe(true);
  });

  it('refuses an empty domain before sending anything', () => {
    expect(() => client.dnsRecords('')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});
