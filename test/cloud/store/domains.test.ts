import { openDatabase } from '../../../src/cloud/store/database';
import { DomainStore, DuplicateDomainError } from '../../../src/cloud/store/domains';

const db = openDatabase();
afterAll(() => db.close());
let domains: DomainStore;
beforeEach(() => {
  db.exec('DELETE FROM dns_records; DELETE FROM domains');
  domains = new DomainStore(db);
});

const SAME_MILLISECOND = '2030-01-01T00:00:00.000Z';

describe('DomainStore', () => {
  it('stores, reads and deletes a domain by name', () => {
    domains.insert({ domain: 'example.com', created_at: SAME_MILLISECOND });
    expect(domains.get('example.com')).toEqual({ domain: 'example.com', created_at: SAME_MILLISECOND });
    expect(domains.delete('example.com')).toBe(true);
    expect(domains.get('example.com')).toBeUndefined();
    expect(domains.delete('example.com')).toBe(false);
  });

  it('refuses a second domain of the same name, naming it', () => {
    domains.insert({ domain: 'example.com', created_at: SAME_MILLISECOND });
    const again = () => domains.insert({ domain: 'example.com', created_at: '2030-01-02T00:00:00.000Z' });
    expect(again).toThrow(DuplicateDomainError);
    expect(again).toThrow('the domain example.com is already registered');
  });

  it('breaks ties of created_at by insertion order, in both directions', () => {
    for (const name of ['b.example', 'a.example', 'c.example']) {
      domains.insert({ domain: name, created_at: SAME_MILLISECOND });
    }
    const list = (order: 'asc' | 'desc') =>
      domains.list({ sort: 'created_at', order, perPage: 10 }).rows.map((d) => d.domain);
    expect(list('asc')).toEqual(['b.example', 'a.example', 'c.example']);
    expect(list('desc')).toEqual(['c.example', 'a.example', 'b.example']);
  });
});
