import { openDatabase } from '../../../src/cloud/store/database';
import { FirewallStore, type FirewallRecord } from '../../../src/cloud/store/firewalls';

const db = openDatabase();
afterAll(() => db.close());
let store: FirewallStore;
beforeEach(() => {
  db.exec('DELETE FROM firewalls');
  store = new FirewallStore(db);
});

const firewall: FirewallRecord = {
  id: 'fw_1',
  name: 'web',
  inbound_rules: [{ protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0'] }],
  outbound_rules: [{ protocol: 'icmp', destinations: ['::/0'] }],
  created_at: '2030-01-01T00:00:00.000Z',
};

describe('FirewallStore', () => {
  it('reads back what it stored, rules included', () => {
    store.insert(firewall);
    expect(store.get('fw_1')).toEqual(firewall);
  });

  it('update replaces only the fields that are given', () => {
    store.insert(firewall);
    expect(store.update('fw_1', { name: 'renamed' })).toEqual({ ...firewall, name: 'renamed' });
    expect(store.update('fw_1', { outbound_rules: [] })).toEqual({
      ...firewall,
      name: 'renamed',
      outbound_rules: [],
    });
    const inbound = [{ protocol: 'udp' as const, ports: '53', sources: ['10.0.0.0/8'] }];
    expect(store.update('fw_1', { inbound_rules: inbound })).toEqual({
      ...firewall,
      name: 'renamed',
      inbound_rules: inbound,
      outbound_rules: [],
    });
  });

  it('answers undefined or false for an unknown id', () => {
    expect(store.get('fw_x')).toBeUndefined();
    expect(store.update('fw_x', { name: 'x' })).toBeUndefined();
    expect(store.delete('fw_x')).toBe(false);
  });

  it('lists by name with the exact-match filter', () => {
    store.insert(firewall);
    store.insert({ ...firewall, id: 'fw_2', name: 'db' });
    const page = store.list({ sort: 'name', order: 'asc', perPage: 10 });
    expect(page.rows.map((f) => f.id)).toEqual(['fw_2', 'fw_1']);
    expect(store.list({ sort: 'name', order: 'asc', perPage: 10, name: 'web' }).rows).toEqual([firewall]);
  });
});
