import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  dnsRecordChangedEventSchema,
  dnsRecordListSchema,
  dnsRecordResponseSchema,
  errorEnvelopeSchema,
  type DnsRecord,
  type DnsRecordChangedEvent,
} from '../../../src/api';
import { startTestCloud, type TestCloud, type TestResponse } from '../../helpers/local-cloud';

const RECORDS = '/domains/example.com/records';

let cloud: TestCloud;
let dataDir: string;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dns-records-test-'));
  cloud = await startTestCloud({ dataDir });
  expect((await cloud.request('POST', '/domains', { body: { domain: 'example.com' } })).status).toBe(201);
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

async function createRecord(body: Record<string, unknown>, path = RECORDS): Promise<DnsRecord> {
  const res = await cloud.request('POST', path, { body });
  expect(res.status).toBe(201);
  return dnsRecordResponseSchema.parse(res.body).record;
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

function expectConflict(res: TestResponse, field: string, reason: string | RegExp, existingId?: string) {
  const error = expectError(res, 409, 'conflict');
  expect(error.details?.field).toBe(field);
  expect(error.details?.reason).toEqual(typeof reason === 'string' ? reason : expect.stringMatching(reason));
  expect(error.details?.existing_id).toBe(existingId);
}

describe('POST /domains/{domain}/records', () => {
  it('creates a record: 201, rec_ id, relative name, default TTL, null priority, Location', async () => {
    const res = await cloud.request('POST', RECORDS, {
      body: { type: 'A', name: 'WWW', data: '203.0.113.10' },
    });
    expect(res.status).toBe(201);
    const { record } = dnsRecordResponseSchema.parse(res.body);
    expect(record).toEqual({
      id: expect.stringMatching(/^rec_[0-9A-Za-z]{24}$/),
      domain: 'example.com',
      type: 'A',
      name: 'www',
      data: '203.0.113.10',
      ttl: 300,
      priority: null,
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(res.headers.get('location')).toBe(`/v1/domains/example.com/records/${record.id}`);
  });

  it.each<[string, Record<string, unknown>, Partial<DnsRecord>]>([
    [
      'AAAA, compressed and lower-case',
      { type: 'AAAA', name: '', data: '2001:0DB8:0:0:0:0:0:0001' },
      { data: '2001:db8::1' },
    ],
    ['@ as the apex', { type: 'TXT', name: '@', data: 'v=spf1 -all' }, { name: '', data: 'v=spf1 -all' }],
    [
      'CNAME target without the trailing dot',
      { type: 'CNAME', name: 'Blog', data: 'Hosting.Example.NET.' },
      { name: 'blog', data: 'hosting.example.net' },
    ],
    [
      'MX with its priority',
      { type: 'MX', name: '', data: 'MX1.example.com.', priority: 10 },
      { data: 'mx1.example.com', priority: 10 },
    ],
    ['NS delegation', { type: 'NS', name: 'dev', data: 'ns1.example.net' }, { data: 'ns1.example.net' }],
    [
      'SRV as weight port target',
      { type: 'SRV', name: '_sip._tcp', data: '5  5060 SIP.example.com.', priority: 0 },
      { data: '5 5060 sip.example.com', priority: 0 },
    ],
    [
      'CAA with the value quoted',
      { type: 'CAA', name: '', data: '0 Issue letsencrypt.org' },
      { data: '0 issue "letsencrypt.org"' },
    ],
    [
      'TXT verbatim',
      { type: 'TXT', name: '_dmarc', data: '"v=DMARC1; p=none"' },
      { data: '"v=DMARC1; p=none"' },
    ],
    ['a wildcard', { type: 'A', name: '*.Dev', data: '203.0.113.7' }, { name: '*.dev' }],
    ['TTL bounds', { type: 'A', name: 'low', data: '203.0.113.1', ttl: 60 }, { ttl: 60 }],
    ['TTL bounds', { type: 'A', name: 'high', data: '203.0.113.1', ttl: 86400 }, { ttl: 86400 }],
  ])('%s', async (_case, body, expected) => {
    const record = await createRecord(body);
    expect(record).toMatchObject(expected);
    expect((await cloud.request('GET', `${RECORDS}/${record.id}`)).body.record).toEqual(record);
  });

  it('finds the domain in any case and with a trailing dot', async () => {
    const record = await createRecord(
      { type: 'A', name: 'x', data: '203.0.113.1' },
      '/domains/EXAMPLE.com./records',
    );
    expect(record.domain).toBe('example.com');
  });

  it('emits dns.record_changed {action: created, domain, record} in the outbox', async () => {
    const record = await createRecord({ type: 'A', name: 'www', data: '203.0.113.10' });
    expect(recordEvents()).toEqual([{ action: 'created', domain: 'example.com', record }]);
  });

  describe('400 per field, with reasons, and nothing stored', () => {
    afterEach(async () => {
      expect((await cloud.request('GET', RECORDS)).body.meta.total).toBe(0);
      expect(recordEvents()).toEqual([]);
    });

    it.each<[string, Record<string, unknown>, string, string | RegExp]>([
      [
        'an unknown type',
        { type: 'PTR', name: 'x', data: 'a.example' },
        'type',
        /^must be one of "A", "AAAA"/,
      ],
      ['a lower-case type', { type: 'a', name: 'x', data: '203.0.113.1' }, 'type', /^must be one of/],
      ['a missing name', { type: 'A', data: '203.0.113.1' }, 'name', 'is required'],
      [
        'a fully qualified name',
        { type: 'A', name: 'www.example.com', data: '203.0.113.1' },
        'name',
        'already ends with the domain example.com; send it relative to the domain ("www")',
      ],
      [
        'a trailing dot',
        { type: 'A', name: 'www.', data: '203.0.113.1' },
        'name',
        /^must be relative to the domain, without a trailing dot/,
      ],
      [
        'the domain as the name',
        { type: 'A', name: 'Example.com', data: '203.0.113.1' },
        'name',
        'is the domain itself; use "" or "@" for the apex',
      ],
      ['A with IPv6 data', { type: 'A', name: 'x', data: '2001:db8::1' }, 'data', /^must be an IPv4 address/],
      [
        'AAAA with IPv4 data',
        { type: 'AAAA', name: 'x', data: '203.0.113.1' },
        'data',
        /^must be an IPv6 address/,
      ],
      [
        'a CNAME to a single label',
        { type: 'CNAME', name: 'x', data: 'localhost' },
        'data',
        'must have at least two labels, such as example.com',
      ],
      [
        'SRV without a port',
        { type: 'SRV', name: '_sip._tcp', data: '5 sip.example.com', priority: 1 },
        'data',
        /^must be "weight port target"/,
      ],
      [
        'CAA with an unknown tag',
        { type: 'CAA', name: '', data: '0 policy "x"' },
        'data',
        /^must have the tag issue, issuewild or iodef/,
      ],
      ['TXT with a line break', { type: 'TXT', name: '', data: 'a\nb' }, 'data', /control characters/],
      ['empty data', { type: 'TXT', name: '', data: '' }, 'data', 'must not be empty'],
      [
        'TTL under 60',
        { type: 'A', name: 'x', data: '203.0.113.1', ttl: 59 },
        'ttl',
        'must be a whole number of seconds from 60 to 86400',
      ],
      [
        'TTL over 86400',
        { type: 'A', name: 'x', data: '203.0.113.1', ttl: 86401 },
        'ttl',
        'must be a whole number of seconds from 60 to 86400',
      ],
      [
        'a fractional TTL',
        { type: 'A', name: 'x', data: '203.0.113.1', ttl: 300.5 },
        'ttl',
        'must be a whole number of seconds from 60 to 86400',
      ],
      [
        'a TTL as a string',
        { type: 'A', name: 'x', data: '203.0.113.1', ttl: '300' },
        'ttl',
        'must be a whole number of seconds from 60 to 86400',
      ],
      [
        'MX without a priority',
        { type: 'MX', name: '', data: 'mx.example.com' },
        'priority',
        'is required for MX records',
      ],
      [
        'SRV without a priority',
        { type: 'SRV', name: '_sip._tcp', data: '1 5060 sip.example.com' },
        'priority',
        'is required for SRV records',
      ],
      [
        'a priority on an A record',
        { type: 'A', name: 'x', data: '203.0.113.1', priority: 10 },
        'priority',
        'is only accepted for MX and SRV records, not A',
      ],
      [
        'a priority out of range',
        { type: 'MX', name: '', data: 'mx.example.com', priority: 65536 },
        'priority',
        'must be a whole number from 0 to 65535',
      ],
      [
        'an unknown field',
        { type: 'A', name: 'x', data: '203.0.113.1', proxied: true },
        'proxied',
        'is not a field this request accepts',
      ],
    ])('%s', async (_case, body, field, reason) => {
      expectFieldError(await cloud.request('POST', RECORDS, { body }), field, reason);
    });

    it('lists every problem at once', async () => {
      const res = await cloud.request('POST', RECORDS, {
        body: { type: 'MX', name: 'www.', data: 'mx', priority: undefined },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors.map((e: { field: string }) => e.field)).toEqual([
        'name',
        'data',
        'priority',
      ]);
    });
  });

  it('404 for an unknown domain, before looking at the record', async () => {
    const error = expectError(
      await cloud.request('POST', '/domains/unknown.example/records', {
        body: { type: 'A', name: 'x', data: 'bad' },
      }),
      404,
      'not_found',
    );
    expect(error.details).toMatchObject({ resource: 'domain', domain: 'unknown.example' });
  });

  describe('CNAME rules and duplicates: 409 conflict naming the record in the way', () => {
    it('no CNAME at the apex', async () => {
      const res = await cloud.request('POST', RECORDS, {
        body: { type: 'CNAME', name: '@', data: 'target.example.net' },
      });
      expectConflict(
        res,
        'name',
        "cannot be the apex for a CNAME: example.com always holds the zone's SOA and NS records",
      );
    });

    it('no CNAME beside another record of the name', async () => {
      const a = await createRecord({ type: 'A', name: 'www', data: '203.0.113.1' });
      const res = await cloud.request('POST', RECORDS, {
        body: { type: 'CNAME', name: 'WWW', data: 'target.example.net' },
      });
      expectConflict(
        res,
        'name',
        `already has a A record (${a.id}) at www.example.com; a CNAME cannot share its name`,
        a.id,
      );
    });

    it('no record beside an existing CNAME, including a second CNAME', async () => {
      const cname = await createRecord({ type: 'CNAME', name: 'www', data: 'target.example.net' });
      for (const body of [
        { type: 'TXT', name: 'www', data: 'hello' },
        { type: 'CNAME', name: 'www', data: 'other.example.net' },
      ]) {
        const res = await cloud.request('POST', RECORDS, { body });
        expectConflict(
          res,
          'name',
          `is a CNAME (${cname.id}) at www.example.com; no other record can share a CNAME's name`,
          cname.id,
        );
      }
      // The rule is per name: a CNAME for www does not block www2 or a deeper name.
      await createRecord({ type: 'A', name: 'www2', data: '203.0.113.1' });
      await createRecord({ type: 'A', name: 'a.www', data: '203.0.113.1' });
    });

    it('the same record twice, in any spelling', async () => {
      const first = await createRecord({ type: 'AAAA', name: 'v6', data: '2001:db8::1' });
      const res = await cloud.request('POST', RECORDS, {
        body: { type: 'AAAA', name: 'V6', data: '2001:DB8:0::0:1', ttl: 600 },
      });
      expectConflict(
        res,
        'data',
        `is already held by the same AAAA record (${first.id}) at v6.example.com`,
        first.id,
      );
      // Another address at the same name is a second member of the set, not a duplicate.
      await createRecord({ type: 'AAAA', name: 'v6', data: '2001:db8::2' });
    });

    it('emits no event for a refused record', async () => {
      await createRecord({ type: 'A', name: 'www', data: '203.0.113.1' });
      await cloud.request('POST', RECORDS, {
        body: { type: 'CNAME', name: 'www', data: 'target.example.net' },
      });
      expect(recordEvents().map((event) => event.action)).toEqual(['created']);
    });
  });
});

describe('GET /domains/{domain}/records', () => {
  it('lists only the domain’s records, filters by type and name, pages and sorts', async () => {
    await cloud.request('POST', '/domains', { body: { domain: 'other.example' } });
    await createRecord({ type: 'A', name: 'x', data: '203.0.113.9' }, '/domains/other.example/records');
    const made = [
      await createRecord({ type: 'TXT', name: '', data: 'apex text' }),
      await createRecord({ type: 'A', name: 'www', data: '203.0.113.1' }),
      await createRecord({ type: 'A', name: 'api', data: '203.0.113.2' }),
      await createRecord({ type: 'MX', name: '', data: 'mx.example.com', priority: 10 }),
    ];

    const all = dnsRecordListSchema.parse((await cloud.request('GET', RECORDS)).body);
    expect(all.records).toEqual(made);
    expect(all.meta).toEqual({ total: 4, next_cursor: null });

    const onlyA = dnsRecordListSchema.parse((await cloud.request('GET', `${RECORDS}?type=A`)).body);
    expect(onlyA.records.map((r) => r.name)).toEqual(['www', 'api']);
    for (const apex of ['', '%40']) {
      const atApex = dnsRecordListSchema.parse((await cloud.request('GET', `${RECORDS}?name=${apex}`)).body);
      expect(atApex.records.map((r) => r.type)).toEqual(['TXT', 'MX']);
    }
    const www = dnsRecordListSchema.parse((await cloud.request('GET', `${RECORDS}?name=WWW&type=A`)).body);
    expect(www.records).toEqual([made[1]]);

    const byName = dnsRecordListSchema.parse(
      (await cloud.request('GET', `${RECORDS}?sort=name&per_page=3`)).body,
    );
    expect(byName.records.map((r) => r.name)).toEqual(['', '', 'api']);
    const rest = dnsRecordListSchema.parse(
      (await cloud.request('GET', `${RECORDS}?sort=name&per_page=3&cursor=${byName.meta.next_cursor}`)).body,
    );
    expect(rest.records.map((r) => r.name)).toEqual(['www']);
    expect(rest.meta.next_cursor).toBeNull();
  });

  it('400 for a bad filter, sort or cursor; 404 for an unknown domain', async () => {
    expectFieldError(await cloud.request('GET', `${RECORDS}?type=PTR`), 'type', /^must be one of/);
    expectFieldError(
      await cloud.request('GET', `${RECORDS}?name=www.example.com`),
      'name',
      /already ends with the domain/,
    );
    expectFieldError(
      await cloud.request('GET', `${RECORDS}?sort=ttl`),
      'sort',
      'must be one of "created_at", "name"',
    );
    const page = (await cloud.request('GET', `${RECORDS}?per_page=1`)).body;
    expect(page.meta.next_cursor).toBeNull();
    await createRecord({ type: 'A', name: 'a', data: '203.0.113.1' });
    await createRecord({ type: 'A', name: 'b', data: '203.0.113.1' });
    const cursor = (await cloud.request('GET', `${RECORDS}?per_page=1`)).body.meta.next_cursor;
    expectFieldError(
      await cloud.request('GET', `${RECORDS}?per_page=1&type=A&cursor=${cursor}`),
      'cursor',
      /different sort, order or filter/,
    );
    expectError(await cloud.request('GET', '/domains/unknown.example/records'), 404, 'not_found');
  });
});

describe('GET /domains/{domain}/records/{id}', () => {
  it('404 for an unknown id, and for a record of another domain', async () => {
    await cloud.request('POST', '/domains', { body: { domain: 'other.example' } });
    const foreign = await createRecord(
      { type: 'A', name: 'x', data: '203.0.113.9' },
      '/domains/other.example/records',
    );
    for (const id of ['rec_doesnotexist0000000000000', foreign.id, '..%2F..%2Fssh-keys']) {
      const error = expectError(await cloud.request('GET', `${RECORDS}/${id}`), 404, 'not_found');
      expect(error.details).toMatchObject({ resource: 'record', domain: 'example.com' });
    }
  });
});

describe('PATCH /domains/{domain}/records/{id}', () => {
  it('changes name, data, TTL and priority in canonical form and emits updated with the previous record', async () => {
    const mx = await createRecord({ type: 'MX', name: '', data: 'mx1.example.com', priority: 10 });
    const res = await cloud.request('PATCH', `${RECORDS}/${mx.id}`, {
      body: { name: 'Mail', data: 'MX2.Example.com.', ttl: 3600, priority: 20 },
    });
    expect(res.status).toBe(200);
    const updated = dnsRecordResponseSchema.parse(res.body).record;
    expect(updated).toEqual({ ...mx, name: 'mail', data: 'mx2.example.com', ttl: 3600, priority: 20 });
    expect((await cloud.request('GET', `${RECORDS}/${mx.id}`)).body.record).toEqual(updated);
    expect(recordEvents().at(-1)).toEqual({
      action: 'updated',
      domain: 'example.com',
      record: updated,
      previous: mx,
    });
  });

  it('leaves fields that are not sent alone, and a change to nothing emits no event', async () => {
    const a = await createRecord({ type: 'AAAA', name: 'v6', data: '2001:db8::1', ttl: 600 });
    const same = await cloud.request('PATCH', `${RECORDS}/${a.id}`, { body: { data: '2001:DB8:0::1' } });
    expect(same.status).toBe(200);
    expect(same.body.record).toEqual(a);
    expect((await cloud.request('PATCH', `${RECORDS}/${a.id}`, { body: {} })).body.record).toEqual(a);
    expect(recordEvents().map((event) => event.action)).toEqual(['created']);
    const ttl = await cloud.request('PATCH', `${RECORDS}/${a.id}`, { body: { ttl: 60 } });
    expect(ttl.body.record).toEqual({ ...a, ttl: 60 });
  });

  it('400: the type is immutable, and every field is checked as on create', async () => {
    const a = await createRecord({ type: 'A', name: 'www', data: '203.0.113.1' });
    const path = `${RECORDS}/${a.id}`;
    expectFieldError(
      await cloud.request('PATCH', path, { body: { type: 'AAAA', data: '2001:db8::1' } }),
      'type',
      'cannot be changed; delete the record and create one of the new type',
    );
    expectFieldError(
      await cloud.request('PATCH', path, { body: { data: 'www.example.net' } }),
      'data',
      /^must be an IPv4/,
    );
    expectFieldError(await cloud.request('PATCH', path, { body: { ttl: 30 } }), 'ttl', /from 60 to 86400/);
    expectFieldError(
      await cloud.request('PATCH', path, { body: { priority: 5 } }),
      'priority',
      /only accepted for MX and SRV/,
    );
    expectFieldError(
      await cloud.request('PATCH', path, { body: { name: 'www.example.com' } }),
      'name',
      /already ends with the domain/,
    );
    expectFieldError(
      await cloud.request('PATCH', path, { body: { data: null } }),
      'data',
      'must be a string',
    );
    expect((await cloud.request('GET', path)).body.record).toEqual(a);
  });

  it('409 when the change would break the CNAME rules, in both directions', async () => {
    const a = await createRecord({ type: 'A', name: 'www', data: '203.0.113.1' });
    const cname = await createRecord({ type: 'CNAME', name: 'blog', data: 'hosting.example.net' });
    expectConflict(
      await cloud.request('PATCH', `${RECORDS}/${a.id}`, { body: { name: 'blog' } }),
      'name',
      /^is a CNAME/,
      cname.id,
    );
    expectConflict(
      await cloud.request('PATCH', `${RECORDS}/${cname.id}`, { body: { name: 'www' } }),
      'name',
      /^already has a A record/,
      a.id,
    );
    expectConflict(
      await cloud.request('PATCH', `${RECORDS}/${cname.id}`, { body: { name: '@' } }),
      'name',
      /apex/,
    );
    // Retargeting a CNAME is not a conflict with itself.
    const moved = await cloud.request('PATCH', `${RECORDS}/${cname.id}`, {
      body: { data: 'other.example.net' },
    });
    expect(moved.status).toBe(200);
    expect(recordEvents().map((event) => event.action)).toEqual(['created', 'created', 'updated']);
  });

  it('404 for an unknown record or domain', async () => {
    expectError(await cloud.request('PATCH', `${RECORDS}/rec_nope`, { body: { ttl: 60 } }), 404, 'not_found');
    expectError(
      await cloud.request('PATCH', '/domains/unknown.example/records/rec_nope', { body: { ttl: 60 } }),
      404,
      'not_found',
    );
  });
});

describe('DELETE /domains/{domain}/records/{id}', () => {
  it('204, gone afterwards, with a deleted event; a CNAME may then take the name', async () => {
    const a = await createRecord({ type: 'A', name: 'www', data: '203.0.113.1' });
    const res = await cloud.request('DELETE', `${RECORDS}/${a.id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expectError(await cloud.request('GET', `${RECORDS}/${a.id}`), 404, 'not_found');
    expectError(await cloud.request('DELETE', `${RECORDS}/${a.id}`), 404, 'not_found');
    expect(recordEvents()).toEqual([
      { action: 'created', domain: 'example.com', record: a },
      { action: 'deleted', domain: 'example.com', record: a },
    ]);
    await createRecord({ type: 'CNAME', name: 'www', data: 'target.example.net' });
  });
});
