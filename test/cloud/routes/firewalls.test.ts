import {
  errorEnvelopeSchema,
  firewallListSchema,
  firewallResponseSchema,
  type Firewall,
} from '../../../src/api';
import { INSTANT_DURATIONS } from '../../../src/cloud/lifecycle';
import { startTestCloud, type TestCloud, type TestResponse } from '../../helpers/local-cloud';

let cloud: TestCloud;
beforeEach(async () => {
  cloud = await startTestCloud({ lifecycle: INSTANT_DURATIONS });
});
afterEach(() => cloud.close());

const SSH_IN = { protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0', '::/0'] };

async function createFirewall(body: Record<string, unknown>): Promise<Firewall> {
  const res = await cloud.request('POST', '/firewalls', { body });
  expect(res.status).toBe(201);
  return firewallResponseSchema.parse(res.body).firewall;
}

function expectFieldError(res: TestResponse, field: string, reason: string | RegExp) {
  expect(res.status).toBe(400);
  const envelope = errorEnvelopeSchema.parse(res.body);
  expect(envelope.error.code).toBe('invalid_request');
  expect(envelope.error.details?.field).toBe(field);
  expect(envelope.error.details?.reason).toEqual(
    typeof reason === 'string' ? reason : expect.stringMatching(reason),
  );
  expect(envelope.error.message).toContain(field);
}

function expectError(res: TestResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  const envelope = errorEnvelopeSchema.parse(res.body);
  expect(envelope.error.code).toBe(code);
  return envelope.error;
}

async function createInstance(firewallId: string | null): Promise<string> {
  const res = await cloud.request('POST', '/instances', {
    body: { region: 'ams', plan: 'vc2-1c-1gb', image: 'debian-12', label: 'web', firewall_id: firewallId },
  });
  expect(res.status).toBe(202);
  return (res.body as { instance: { id: string } }).instance.id;
}

describe('POST /firewalls', () => {
  it('creates a firewall: 201, id, canonical rules, no instances, Location', async () => {
    const res = await cloud.request('POST', '/firewalls', {
      body: {
        name: '  web  ',
        inbound_rules: [
          { protocol: 'tcp', ports: '443', sources: ['::0/0', '0.0.0.0/0'] },
          { protocol: 'icmp', sources: ['10.0.0.5/8'] },
          SSH_IN,
        ],
        outbound_rules: [{ protocol: 'udp', ports: '53', destinations: ['2001:DB8:0:0::1/32'] }],
      },
    });
    expect(res.status).toBe(201);
    const firewall = firewallResponseSchema.parse(res.body).firewall;
    expect(firewall).toEqual({
      id: expect.stringMatching(/^fw_[0-9A-Za-z]{24}$/),
      name: 'web',
      inbound_rules: [
        { protocol: 'icmp', sources: ['10.0.0.0/8'] },
        { protocol: 'tcp', ports: '22', sources: ['0.0.0.0/0', '::/0'] },
        { protocol: 'tcp', ports: '443', sources: ['0.0.0.0/0', '::/0'] },
      ],
      outbound_rules: [{ protocol: 'udp', ports: '53', destinations: ['2001:db8::/32'] }],
      instance_ids: [],
      created_at: expect.stringMatching(/Z$/),
    });
    expect(res.headers.get('location')).toBe(`/v1/firewalls/${firewall.id}`);
  });

  it('answers CIDRs in canonical form: ::0/0 → ::/0, host bits zeroed', async () => {
    const firewall = await createFirewall({
      name: 'canon',
      inbound_rules: [
        {
          protocol: 'tcp',
          ports: '80',
          sources: ['::0/0', '10.0.0.5/8', '192.168.1.77/24'],
        },
      ],
    });
    expect(firewall.inbound_rules).toEqual([
      { protocol: 'tcp', ports: '80', sources: ['10.0.0.0/8', '192.168.1.0/24', '::/0'] },
    ]);
  });

  it('removes duplicate CIDRs and duplicate rules (equal after canonicalization)', async () => {
    const firewall = await createFirewall({
      name: 'dupes',
      inbound_rules: [
        { protocol: 'tcp', ports: '22', sources: ['10.0.0.0/8', '10.1.2.3/8'] },
        { protocol: 'tcp', ports: '22', sources: ['10.9.9.9/8'] },
        { protocol: 'tcp', ports: '22', sources: ['192.0.2.0/24'] },
      ],
      outbound_rules: [
        { protocol: 'icmp', destinations: ['::/0'] },
        { protocol: 'icmp', destinations: ['0::0/0'] },
      ],
    });
    expect(firewall.inbound_rules).toEqual([
      { protocol: 'tcp', ports: '22', sources: ['10.0.0.0/8'] },
      { protocol: 'tcp', ports: '22', sources: ['192.0.2.0/24'] },
    ]);
    expect(firewall.outbound_rules).toEqual([{ protocol: 'icmp', destinations: ['::/0'] }]);
  });

  it('starts with empty rule lists when none are sent', async () => {
    const firewall = await createFirewall({ name: 'closed' });
    expect(firewall.inbound_rules).toEqual([]);
    expect(firewall.outbound_rules).toEqual([]);
  });

  const ruleErrors: [string, Record<string, unknown>, string, RegExp][] = [
    [
      'tcp without ports',
      { inbound_rules: [SSH_IN, { protocol: 'tcp', sources: ['0.0.0.0/0'] }] },
      'inbound_rules[1].ports',
      /^is required for a tcp rule$/,
    ],
    [
      'udp without ports',
      { outbound_rules: [{ protocol: 'udp', destinations: ['::/0'] }] },
      'outbound_rules[0].ports',
      /^is required for a udp rule$/,
    ],
    [
      'icmp with ports',
      { inbound_rules: [{ protocol: 'icmp', ports: '1', sources: ['::/0'] }] },
      'inbound_rules[0].ports',
      /^must not be given for an icmp rule$/,
    ],
    [
      'port 0',
      { inbound_rules: [{ protocol: 'tcp', ports: '0', sources: ['::/0'] }] },
      'inbound_rules[0].ports',
      /"22"/,
    ],
    [
      'port 65536',
      { inbound_rules: [{ protocol: 'tcp', ports: '65536', sources: ['::/0'] }] },
      'inbound_rules[0].ports',
      /from 1 to 65535/,
    ],
    [
      'range low = high',
      { inbound_rules: [{ protocol: 'tcp', ports: '22-22', sources: ['::/0'] }] },
      'inbound_rules[0].ports',
      /first port is below its last/,
    ],
    [
      'range low > high',
      { inbound_rules: [{ protocol: 'tcp', ports: '9000-8000', sources: ['::/0'] }] },
      'inbound_rules[0].ports',
      /first port is below its last/,
    ],
    [
      'ports with leading zero',
      { inbound_rules: [{ protocol: 'tcp', ports: '022', sources: ['::/0'] }] },
      'inbound_rules[0].ports',
      /"8000-9000"/,
    ],
    [
      'ports as a number',
      { inbound_rules: [{ protocol: 'tcp', ports: 22, sources: ['::/0'] }] },
      'inbound_rules[0].ports',
      /"22"/,
    ],
    [
      'unknown protocol',
      { inbound_rules: [{ protocol: 'gre', sources: ['::/0'] }] },
      'inbound_rules[0].protocol',
      /"icmp", "tcp", "udp"/,
    ],
    [
      'no sources',
      { inbound_rules: [{ protocol: 'icmp', sources: [] }] },
      'inbound_rules[0].sources',
      /at least 1 item/,
    ],
    [
      'sources on an outbound rule',
      { outbound_rules: [{ protocol: 'icmp', sources: ['::/0'] }] },
      'outbound_rules[0].destinations',
      /required/,
    ],
    [
      'unknown rule field',
      { inbound_rules: [{ protocol: 'icmp', sources: ['::/0'], action: 'drop' }] },
      'inbound_rules[0].action',
      /not a field/,
    ],
    [
      'bad CIDR',
      { inbound_rules: [SSH_IN, SSH_IN, { protocol: 'tcp', ports: '80', sources: ['::/0', '10.0.0.0/33'] }] },
      'inbound_rules[2].sources[1]',
      /prefix length from 0 to 32/,
    ],
    [
      'address without prefix',
      { outbound_rules: [{ protocol: 'icmp', destinations: ['203.0.113.7'] }] },
      'outbound_rules[0].destinations[0]',
      /prefix length/,
    ],
    [
      'IPv6 nonsense',
      { inbound_rules: [{ protocol: 'icmp', sources: ['2001:db8::g/32'] }] },
      'inbound_rules[0].sources[0]',
      /IPv4 or IPv6 CIDR/,
    ],
  ];
  it.each(ruleErrors)('refuses %s with 400 naming the exact field', async (_, rules, field, reason) => {
    const res = await cloud.request('POST', '/firewalls', { body: { name: 'bad', ...rules } });
    expectFieldError(res, field, reason);
  });

  it('lists every bad CIDR of both lists at once', async () => {
    const res = await cloud.request('POST', '/firewalls', {
      body: {
        name: 'bad',
        inbound_rules: [{ protocol: 'icmp', sources: ['x/1'] }],
        outbound_rules: [{ protocol: 'icmp', destinations: ['::/0', 'y/2'] }],
      },
    });
    expectFieldError(res, 'inbound_rules[0].sources[0]', /IPv4 or IPv6/);
    expect(
      (res.body as { error: { details: { errors: { field: string }[] } } }).error.details.errors.map(
        (e) => e.field,
      ),
    ).toEqual(['inbound_rules[0].sources[0]', 'outbound_rules[0].destinations[1]']);
  });

  it('refuses a missing or blank name, unknown fields and instance_ids (read-only)', async () => {
    expectFieldError(await cloud.request('POST', '/firewalls', { body: {} }), 'name', 'is required');
    expectFieldError(
      await cloud.request('POST', '/firewalls', { body: { name: '  ' } }),
      'name',
      'must not be empty',
    );
    expectFieldError(
      await cloud.request('POST', '/firewalls', { body: { name: 'x', instance_ids: [] } }),
      'instance_ids',
      /not a field/,
    );
  });

  it('refuses more than 100 rules in a list', async () => {
    const rules = Array.from({ length: 101 }, (_, i) => ({
      protocol: 'tcp',
      ports: String(i + 1),
      sources: ['::/0'],
    }));
    expectFieldError(
      await cloud.request('POST', '/firewalls', { body: { name: 'x', inbound_rules: rules } }),
      'inbound_rules',
      /at most 100/,
    );
  });
});

describe('GET /firewalls and /firewalls/{id}', () => {
  it('reads a firewall back exactly as created', async () => {
    const created = await createFirewall({ name: 'a', inbound_rules: [SSH_IN] });
    const res = await cloud.request('GET', `/firewalls/${created.id}`);
    expect(res.status).toBe(200);
    expect(firewallResponseSchema.parse(res.body).firewall).toEqual(created);
  });

  it('404s an unknown id', async () => {
    const error = expectError(await cloud.request('GET', '/firewalls/fw_nope'), 404, 'not_found');
    expect(error.details).toMatchObject({ resource: 'firewall', id: 'fw_nope' });
  });

  it('filters by name, sorts by name both ways and pages with a cursor', async () => {
    for (const name of ['charlie', 'alpha', 'bravo', 'alpha']) await createFirewall({ name });
    const byName = await cloud.request('GET', '/firewalls?name=alpha');
    expect(firewallListSchema.parse(byName.body).firewalls.map((f) => f.name)).toEqual(['alpha', 'alpha']);
    expect(byName.body.meta).toEqual({ total: 2, next_cursor: null });

    const desc = await cloud.request('GET', '/firewalls?sort=name&order=desc');
    expect(firewallListSchema.parse(desc.body).firewalls.map((f) => f.name)).toEqual([
      'charlie',
      'bravo',
      'alpha',
      'alpha',
    ]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: TestResponse = await cloud.request(
        'GET',
        `/firewalls?per_page=3${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      const list = firewallListSchema.parse(page.body);
      seen.push(...list.firewalls.map((f) => f.id));
      expect(list.meta.total).toBe(4);
      cursor = list.meta.next_cursor;
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(4);
  });

  it('refuses a bad sort, a foreign cursor and an unknown filter', async () => {
    expectFieldError(await cloud.request('GET', '/firewalls?sort=size'), 'sort', /"created_at", "name"/);
    expectFieldError(await cloud.request('GET', '/firewalls?cursor=garbage'), 'cursor', /not a cursor/);
    expectFieldError(await cloud.request('GET', '/firewalls?label=x'), 'label', /not a field/);
  });
});

describe('PATCH /firewalls/{id}', () => {
  const OUT = { protocol: 'tcp', ports: '443', destinations: ['0.0.0.0/0'] };

  it('renames without touching either rule list', async () => {
    const created = await createFirewall({ name: 'old', inbound_rules: [SSH_IN], outbound_rules: [OUT] });
    const res = await cloud.request('PATCH', `/firewalls/${created.id}`, { body: { name: 'new' } });
    expect(res.status).toBe(200);
    expect(firewallResponseSchema.parse(res.body).firewall).toEqual({ ...created, name: 'new' });
  });

  it('replaces only the list that is sent, canonically; an empty list clears it', async () => {
    const created = await createFirewall({ name: 'fw', inbound_rules: [SSH_IN], outbound_rules: [OUT] });
    const replaced = await cloud.request('PATCH', `/firewalls/${created.id}`, {
      body: { inbound_rules: [{ protocol: 'udp', ports: '51820', sources: ['::0/0'] }] },
    });
    expect(replaced.status).toBe(200);
    const firewall = firewallResponseSchema.parse(replaced.body).firewall;
    expect(firewall.inbound_rules).toEqual([{ protocol: 'udp', ports: '51820', sources: ['::/0'] }]);
    expect(firewall.outbound_rules).toEqual(created.outbound_rules);
    expect(firewall.name).toBe('fw');

    const cleared = await cloud.request('PATCH', `/firewalls/${created.id}`, {
      body: { outbound_rules: [] },
    });
    expect(firewallResponseSchema.parse(cleared.body).firewall).toMatchObject({
      inbound_rules: firewall.inbound_rules,
      outbound_rules: [],
    });
  });

  it('changes nothing when any part of the request is invalid (atomic)', async () => {
    const created = await createFirewall({ name: 'fw', inbound_rules: [SSH_IN], outbound_rules: [OUT] });
    const res = await cloud.request('PATCH', `/firewalls/${created.id}`, {
      body: {
        name: 'renamed',
        inbound_rules: [{ protocol: 'icmp', sources: ['::/0'] }],
        outbound_rules: [{ protocol: 'tcp', ports: '80', destinations: ['300.0.0.0/8'] }],
      },
    });
    expectFieldError(res, 'outbound_rules[0].destinations[0]', /IPv4 or IPv6/);
    const after = await cloud.request('GET', `/firewalls/${created.id}`);
    expect(firewallResponseSchema.parse(after.body).firewall).toEqual(created);
  });

  it('an empty body changes nothing; null lists, unknown fields and unknown ids are refused', async () => {
    const created = await createFirewall({ name: 'fw', inbound_rules: [SSH_IN] });
    const same = await cloud.request('PATCH', `/firewalls/${created.id}`, { body: {} });
    expect(firewallResponseSchema.parse(same.body).firewall).toEqual(created);
    expectFieldError(
      await cloud.request('PATCH', `/firewalls/${created.id}`, { body: { inbound_rules: null } }),
      'inbound_rules',
      /must be an array/,
    );
    expectFieldError(
      await cloud.request('PATCH', `/firewalls/${created.id}`, { body: { instance_ids: ['inst_x'] } }),
      'instance_ids',
      /not a field/,
    );
    expectError(
      await cloud.request('PATCH', '/firewalls/fw_nope', { body: { name: 'x' } }),
      404,
      'not_found',
    );
  });
});

describe('DELETE /firewalls/{id}', () => {
  it('deletes: 204, then 404', async () => {
    const created = await createFirewall({ name: 'gone' });
    const res = await cloud.request('DELETE', `/firewalls/${created.id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expectError(await cloud.request('GET', `/firewalls/${created.id}`), 404, 'not_found');
    expectError(await cloud.request('DELETE', `/firewalls/${created.id}`), 404, 'not_found');
  });
});

describe('firewalls and instances', () => {
  it('lists the instances that use a firewall and refuses deletion until none do', async () => {
    const firewall = await createFirewall({ name: 'web', inbound_rules: [SSH_IN] });
    const first = await createInstance(firewall.id);
    const second = await createInstance(firewall.id);
    await createInstance(null);

    const read = await cloud.request('GET', `/firewalls/${firewall.id}`);
    expect(firewallResponseSchema.parse(read.body).firewall.instance_ids).toEqual([first, second]);
    const listed = await cloud.request('GET', '/firewalls');
    expect(firewallListSchema.parse(listed.body).firewalls[0]?.instance_ids).toEqual([first, second]);

    const refused = expectError(
      await cloud.request('DELETE', `/firewalls/${firewall.id}`),
      409,
      'resource_in_use',
    );
    expect(refused.details).toEqual({
      resource: 'firewall',
      id: firewall.id,
      instance_ids: [first, second],
      held_by: [first, second],
    });
    expect(refused.message).toContain('2 instances');

    expect(
      (await cloud.request('PATCH', `/instances/${first}`, { body: { firewall_id: null } })).status,
    ).toBe(202);
    expect((await cloud.request('DELETE', `/instances/${second}`)).status).toBe(204);
    const after = await cloud.request('GET', `/firewalls/${firewall.id}`);
    expect(firewallResponseSchema.parse(after.body).firewall.instance_ids).toEqual([]);
    expect((await cloud.request('DELETE', `/firewalls/${firewall.id}`)).status).toBe(204);
  });

  it('renaming a firewall in use keeps its rules and its instances', async () => {
    const firewall = await createFirewall({ name: 'web', inbound_rules: [SSH_IN] });
    const instance = await createInstance(firewall.id);
    const res = await cloud.request('PATCH', `/firewalls/${firewall.id}`, { body: { name: 'web-2' } });
    expect(firewallResponseSchema.parse(res.body).firewall).toEqual({
      ...firewall,
      name: 'web-2',
      instance_ids: [instance],
    });
  });
});

describe('permissions', () => {
  it('needs firewalls:read to read and firewalls:write to change', async () => {
    const keyRes = await cloud.request('POST', '/account/api-keys', {
      body: { name: 'reader', permissions: ['firewalls:read'] },
    });
    expect(keyRes.status).toBe(201);
    const reader = (keyRes.body as { secret: string }).secret;
    expect((await cloud.request('GET', '/firewalls', { apiKey: reader })).status).toBe(200);
    expectError(
      await cloud.request('POST', '/firewalls', { apiKey: reader, body: { name: 'x' } }),
      403,
      'forbidden',
    );
  });
});
