import { configuredObject, unreadableSecrets } from '../../../src/cli/import/arguments';
import type { ObjectExpression } from '../../../src/cli/import/expression';
import { Reference } from '../../../src/cli/import/expression';
import { lightyearProvider } from '../../../src/provider/provider';

const schemaOf = (type: string) => {
  const r = lightyearProvider.resources.find((d) => d.typeName === type);
  if (r === undefined) throw new Error(type);
  return r.schema;
};

const members = (o: ObjectExpression) => Object.fromEntries(o.members);

describe('configuredObject (driven by the provider schemas)', () => {
  it('writes arguments only, leaving out computed-only attributes, nulls and defaults', () => {
    const { attributes, blocks } = configuredObject(schemaOf('lightyear_dns_record'), {
      id: 'rec_1',
      domain: 'example.com',
      type: 'A',
      name: '',
      data: '203.0.113.7',
      ttl: 300,
      priority: null,
      fqdn: 'example.com',
      created_at: '2026-01-01T00:00:00Z',
    });
    expect(members(attributes)).toEqual({ domain: 'example.com', type: 'A', data: '203.0.113.7' });
    expect(blocks).toEqual([]);
  });

  it('keeps optional values that differ from the default', () => {
    const { attributes } = configuredObject(schemaOf('lightyear_dns_record'), {
      domain: 'example.com',
      type: 'MX',
      name: 'mail',
      data: 'mx.example.net',
      ttl: 600,
      priority: 10,
    });
    expect(members(attributes)).toMatchObject({ name: 'mail', ttl: 600, priority: 10 });
  });

  it('leaves out Terraform-only blocks (timeouts) and empty optional sets', () => {
    const { attributes, blocks } = configuredObject(schemaOf('lightyear_instance'), {
      label: 'web',
      region: 'ams',
      plan: 'p',
      image: 'i',
      ssh_key_ids: [],
      tags: null,
      enable_ipv6: false,
      backups: true,
      timeouts: { create: '5m', update: null, delete: null },
    });
    expect(Object.keys(members(attributes))).toEqual(['label', 'region', 'plan', 'image', 'backups']);
    expect(blocks).toEqual([]);
  });

  it('writes nested rule objects member by member, without absent members', () => {
    const { attributes } = configuredObject(schemaOf('lightyear_firewall'), {
      name: 'web',
      inbound_rules: [{ protocol: 'icmp', ports: null, sources: ['::/0', '0.0.0.0/0'] }],
      outbound_rules: [],
    });
    const rules = members(attributes).inbound_rules as ObjectExpression[];
    expect(Object.keys(members(attributes))).toEqual(['name', 'inbound_rules']);
    expect(members(rules[0] as ObjectExpression)).toEqual({
      protocol: 'icmp',
      sources: ['0.0.0.0/0', '::/0'],
    });
  });

  it('asks the resolver about top-level strings and set members', () => {
    const ref = new Reference('lightyear_ssh_key', 'k', 'id');
    const { attributes } = configuredObject(
      schemaOf('lightyear_instance'),
      { label: 'web', region: 'ams', plan: 'p', image: 'i', ssh_key_ids: ['sshk_1'] },
      [],
      (path, value) => (path[0] === 'ssh_key_ids' ? ref : value),
    );
    expect(members(attributes).ssh_key_ids).toEqual([ref]);
  });
});

describe('unreadableSecrets', () => {
  it('names the sensitive attributes the state has no value for', () => {
    expect(unreadableSecrets(schemaOf('lightyear_webhook'), { secret: null })).toEqual(['secret']);
    expect(unreadableSecrets(schemaOf('lightyear_instance'), { user_data: null })).toEqual(['user_data']);
    expect(unreadableSecrets(schemaOf('lightyear_ssh_key'), {})).toEqual([]);
  });
});

describe('plain collections', () => {
  const schema = {
    attributes: {
      ordered: { type: { kind: 'list', element: { kind: 'string' } }, optional: true, description: '' },
      unordered: { type: { kind: 'set', element: { kind: 'string' } }, optional: true, description: '' },
      labels: { type: { kind: 'map', element: { kind: 'string' } }, optional: true, description: '' },
    },
  } as const;

  it("keeps a list's order, sorts a set, and writes a map as an object", () => {
    const { attributes } = configuredObject(schema, {
      ordered: ['b', 'a'],
      unordered: ['b', 'a'],
      labels: { 'team name': 'ops', env: 'prod' },
    });
    const m = members(attributes);
    expect(m.ordered).toEqual(['b', 'a']);
    expect(m.unordered).toEqual(['a', 'b']);
    expect(members(m.labels as ObjectExpression)).toEqual({ 'team name': 'ops', env: 'prod' });
  });
});
