import type { DnsRecord } from '../../../src/api';
import { openDatabase } from '../../../src/cloud/store/database';
import { DnsRecordStore } from '../../../src/cloud/store/dns-records';
import { DomainStore } from '../../../src/cloud/store/domains';

const db = openDatabase();
afterAll(() => db.close());
let domains: DomainStore;
let records: DnsRecordStore;
beforeEach(() => {
  db.exec('DELETE FROM dns_records; DELETE FROM domains');
  domains = new DomainStore(db);
  records = new DnsRecordStore(db);
  domains.insert({ domain: 'example.com', created_at: '2030-01-01T00:00:00.000Z' });
  domains.insert({ domain: 'other.example', created_at: '2030-01-01T00:00:00.000Z' });
});

let counter = 0;
function record(overrides: Partial<DnsRecord> = {}): DnsRecord {
  counter += 1;
  return {
    id: `rec_${counter}`,
    domain: 'example.com',
    type: 'A',
    name: 'www',
    data: '203.0.113.1',
    ttl: 300,
    priority: null,
    created_at: '2030-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('DnsRecordStore', () => {
  it('round-trips a record, priority included, and keeps a null priority null', () => {
    const mx = record({ type: 'MX', name: '', data: 'mx.example.com', priority: 10 });
    const a = record();
    records.insert(mx);
    records.insert(a);
    expect(records.get('example.com', mx.id)).toEqual(mx);
    expect(records.get('example.com', a.id)).toEqual(a);
  });

  it('scopes every lookup to the domain: an id under another domain is not found, changed or deleted', () => {
    const a = record();
    records.insert(a);
    expect(records.get('other.example', a.id)).toBeUndefined();
    expect(records.update({ ...a, domain: 'other.example', ttl: 60 })).toBeUndefined();
    expect(records.delete('other.example', a.id)).toBe(false);
    expect(records.get('example.com', a.id)).toEqual(a);
  });

  it('updates only the mutable fields', () => {
    const a = record();
    records.insert(a);
    const updated = records.update({
      ...a,
      type: 'TXT',
      created_at: '2040-01-01T00:00:00.000Z',
      name: 'api',
      ttl: 60,
    });
    expect(updated).toEqual({ ...a, name: 'api', ttl: 60 });
  });

  it('finds the records of one name in insertion order', () => {
    const first = record({ name: 'www' });
    const other = record({ name: 'api' });
    const second = record({ name: 'www', type: 'TXT', data: 'x' });
    const elsewhere = record({ domain: 'other.example', name: 'www' });
    for (const r of [first, other, second, elsewhere]) records.insert(r);
    expect(records.atName('example.com', 'www')).toEqual([first, second]);
    expect(records.allOf('example.com')).toEqual([first, other, second]);
  });

  it('cannot hold a record for a domain that does not exist, and loses records with their domain', () => {
    expect(() => records.insert(record({ domain: 'missing.example' }))).toThrow(/FOREIGN KEY/);
    const a = record();
    records.insert(a);
    domains.delete('example.com');
    expect(records.get('example.com', a.id)).toBeUndefined();
  });

  it('lists with domain, type and name filters together', () => {
    const a = record({ name: 'www' });
    const txt = record({ name: 'www', type: 'TXT', data: 'x' });
    records.insert(a);
    records.insert(txt);
    records.insert(record({ domain: 'other.example' }));
    const page = records.list({
      domain: 'example.com',
      sort: 'created_at',
      order: 'asc',
      perPage: 10,
      type: 'TXT',
      name: 'www',
    });
    expect(page.rows).toEqual([txt]);
    expect(page.total).toBe(1);
  });
});
