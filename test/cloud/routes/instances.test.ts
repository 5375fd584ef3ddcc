import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  errorEnvelopeSchema,
  instanceListSchema,
  instanceResponseSchema,
  type Instance,
} from '../../../src/api';
import type { LifecycleDurations } from '../../../src/cloud';
import { CloudClock } from '../../../src/cloud/clock';
import { Store } from '../../../src/cloud/store';
import { startTestCloud, type TestCloud, type TestResponse } from '../../helpers/local-cloud';
import { generateSshPublicKey } from '../../helpers/ssh-keys';

/** Long enough that nothing completes on its own during a test; the tests advance the clock instead. */
const SLOW: LifecycleDurations = {
  provisionMs: 60_000,
  resizeMs: 30_000,
  powerMs: 10_000,
  blockMs: 5_000,
  snapshotMs: 20_000,
};

const BASE = { region: 'ams', plan: 'vc2-1c-2gb', image: 'ubuntu-24.04', label: 'web 1' };

/** Time stands still unless a test advances it, so "1 ms before due" is exact. */
const frozenClock = () => new CloudClock(() => Date.parse('2030-01-01T00:00:00.000Z'));

let cloud: TestCloud;
beforeEach(async () => {
  cloud = await startTestCloud({ lifecycle: SLOW, clock: frozenClock() });
});
afterEach(() => cloud.close());

async function create(overrides: Record<string, unknown> = {}): Promise<Instance> {
  const res = await cloud.request('POST', '/instances', { body: { ...BASE, ...overrides } });
  expect(res.status).toBe(202);
  return instanceResponseSchema.parse(res.body).instance;
}

async function get(id: string): Promise<Instance> {
  const res = await cloud.request('GET', `/instances/${id}`);
  expect(res.status).toBe(200);
  return instanceResponseSchema.parse(res.body).instance;
}

async function createActive(overrides: Record<string, unknown> = {}): Promise<Instance> {
  const created = await create(overrides);
  cloud.clock.advance(SLOW.provisionMs);
  const active = await get(created.id);
  expect(active.status).toBe('active');
  return active;
}

async function sshKeyId(): Promise<string> {
  const res = await cloud.request('POST', '/ssh-keys', {
    body: { name: 'k', public_key: generateSshPublicKey('ed25519').line },
  });
  expect(res.status).toBe(201);
  return res.body.ssh_key.id as string;
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

function expectConflict(res: TestResponse, message: RegExp) {
  expect(res.status).toBe(409);
  const envelope = errorEnvelopeSchema.parse(res.body);
  expect(envelope.error.code).toBe('conflict');
  expect(envelope.error.message).toMatch(message);
}

const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

describe('POST /instances', () => {
  it('answers 202 with a pending, stopped instance sized by its plan, without addresses yet', async () => {
    const keyB = await sshKeyId();
    const keyA = await sshKeyId();
    const userData = '#cloud-config\npackages: [nginx]\n';
    const res = await cloud.request('POST', '/instances', {
      body: {
        ...BASE,
        label: '  Web server #1  ',
        ssh_key_ids: [keyB, keyA, keyB],
        tags: ['web', 'env:prod', 'web'],
        user_data: base64(userData),
        enable_ipv6: true,
        backups: true,
      },
    });

    expect(res.status).toBe(202);
    const instance = instanceResponseSchema.parse(res.body).instance;
    expect(instance).toMatchObject({
      label: 'Web server #1',
      hostname: 'web-server-1',
      region: 'ams',
      plan: 'vc2-1c-2gb',
      image: 'ubuntu-24.04',
      status: 'pending',
      power_status: 'stopped',
      ipv4: null,
      ipv6: null,
      vcpu_count: 1,
      ram_mb: 2048,
      disk_gb: 55,
      ssh_key_ids: [keyA, keyB].sort(),
      firewall_id: null,
      tags: ['env:prod', 'web'],
      backups: true,
      user_data_sha256: createHash('sha256').update(userData).digest('hex'),
    });
    expect(instance.id).toMatch(/^inst_[0-9A-Za-z]{24}$/);
    expect(instance.updated_at).toBe(instance.created_at);
    expect(res.body.instance).not.toHaveProperty('user_data');
    expect(res.headers.get('location')).toBe(`/v1/instances/${instance.id}`);
  });

  it('uses the given host name, and falls back to the id for a label without letters or digits', async () => {
    expect((await create({ hostname: 'db-1.internal' })).hostname).toBe('db-1.internal');
    const odd = await create({ label: '###' });
    expect(odd.hostname).toBe(odd.id.toLowerCase().replace('_', '-'));
    expect(odd.user_data_sha256).toBeNull();
  });

  it('becomes active and running with addresses exactly provisionMs later, emitting nothing before', async () => {
    const created = await create({ enable_ipv6: true });
    cloud.clock.advance(SLOW.provisionMs - 1);
    expect((await get(created.id)).status).toBe('pending');

    cloud.clock.advance(1);
    const active = await get(created.id);
    expect(active.status).toBe('active');
    expect(active.power_status).toBe('running');
    expect(active.ipv4).toMatch(
      /^(203\.0\.113|198\.51\.100)\.([1-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-4])$/,
    );
    expect(active.ipv6).toMatch(/^2001:db8:[1-9a-f][0-9a-f]{0,3}:[1-9a-f][0-9a-f]{0,3}::1$/);
    expect(Date.parse(active.updated_at) - Date.parse(active.created_at)).toBeGreaterThanOrEqual(
      SLOW.provisionMs,
    );
  });

  it('gives every instance its own IPv4 address, and IPv6 only when asked', async () => {
    const instances = [await createActive(), await createActive(), await createActive({ enable_ipv6: true })];
    const addresses = instances.map((i) => i.ipv4);
    expect(new Set(addresses).size).toBe(3);
    expect(instances.map((i) => i.ipv6 === null)).toEqual([true, true, false]);
  });

  it('takes user data of exactly 64 KiB decoded', async () => {
    const data = Buffer.alloc(64 * 1024, 7);
    const instance = await create({ user_data: base64(data) });
    expect(instance.user_data_sha256).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('attaches an existing firewall', async () => {
    const fw = await cloud.request('POST', '/firewalls', {
      body: { name: 'web', inbound_rules: [], outbound_rules: [] },
    });
    expect(fw.status).toBe(201);
    const instance = await create({ firewall_id: fw.body.firewall.id });
    expect(instance.firewall_id).toBe(fw.body.firewall.id);
  });

  describe('400 naming the field', () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['an unknown region', { region: 'mars' }, 'region', /is not a region/],
      ['an unknown plan', { plan: 'vc2-64c-1tb' }, 'plan', /is not a plan/],
      [
        'a plan the region does not offer',
        { region: 'lon', plan: 'vhf-4c-16gb' },
        'plan',
        /not offered in region lon/,
      ],
      ['an unknown image', { image: 'windows-95' }, 'image', /is not an image/],
      [
        'IPv6 in a region without it',
        { region: 'sgp', enable_ipv6: true },
        'enable_ipv6',
        /region sgp has no IPv6/,
      ],
      [
        'a firewall that does not exist',
        { firewall_id: 'fw_nope' },
        'firewall_id',
        /does not name a firewall/,
      ],
      ['a malformed firewall id', { firewall_id: 'sg-123' }, 'firewall_id', /starting with fw_/],
      ['a malformed ssh key id', { ssh_key_ids: ['key_1'] }, 'ssh_key_ids[0]', /starting with sshk_/],
      ['user data that is not base64', { user_data: 'not base64!' }, 'user_data', /base64/],
      [
        'user data over 64 KiB decoded',
        { user_data: base64(Buffer.alloc(64 * 1024 + 1)) },
        'user_data',
        /at most 65536 bytes/,
      ],
      ['an upper-case host name', { hostname: 'Web-1' }, 'hostname', /lower-case host name/],
      ['a host name label ending in a hyphen', { hostname: 'web-.example' }, 'hostname', /RFC 1123/],
      ['a host name label over 63 characters', { hostname: 'a'.repeat(64) }, 'hostname', /RFC 1123/],
      ['a tag with a space', { tags: ['has space'] }, 'tags[0]', /letters, digits/],
      ['a tag over 64 characters', { tags: ['t'.repeat(65)] }, 'tags[0]', /at most 64/],
      [
        'more than 32 tags',
        { tags: Array.from({ length: 33 }, (_, i) => `t${i}`) },
        'tags',
        /at most 32 items/,
      ],
      ['a blank label', { label: '   ' }, 'label', /must not be empty/],
      ['a missing label', { label: undefined }, 'label', /is required/],
      ['enable_ipv6 that is not a boolean', { enable_ipv6: 'yes' }, 'enable_ipv6', /must be a boolean/],
      ['an unknown field', { size: 'large' }, 'size', /is not a field this request accepts/],
    ];
    it.each(cases)('%s', async (_name, overrides, field, reason) => {
      expectFieldError(
        await cloud.request('POST', '/instances', { body: { ...BASE, ...overrides } }),
        field,
        reason,
      );
    });

    it('an SSH key that does not exist, by its position in the request', async () => {
      const real = await sshKeyId();
      const res = await cloud.request('POST', '/instances', {
        body: { ...BASE, ssh_key_ids: [real, 'sshk_missing'] },
      });
      expectFieldError(res, 'ssh_key_ids[1]', /does not name an SSH key \(sshk_missing\)/);
    });

    it('every catalog problem at once, and nothing is created', async () => {
      const res = await cloud.request('POST', '/instances', {
        body: { ...BASE, region: 'mars', plan: 'nope', image: 'nope' },
      });
      expectFieldError(res, 'region', /is not a region/);
      expect(res.body.error.details.errors.map((e: { field: string }) => e.field)).toEqual([
        'region',
        'plan',
        'image',
      ]);
      expect((await cloud.request('GET', '/instances')).body.meta.total).toBe(0);
    });
  });
});

describe('the IPv4 pool', () => {
  beforeEach(async () => {
    // Filling the pool takes more requests than one key's default budget per minute.
    await cloud.close();
    cloud = await startTestCloud({ lifecycle: SLOW, clock: frozenClock(), rateLimitPerMinute: 0 });
  });

  it('409 conflict once all 508 addresses are held, and a delete frees one', async () => {
    const created: Instance[] = [];
    for (let batch = 0; batch < 508 / 4; batch += 1) {
      created.push(...(await Promise.all([create(), create(), create(), create()])));
    }
    const full = await cloud.request('POST', '/instances', { body: BASE });
    expectConflict(full, /No public IPv4 address is free: all 508 addresses/);
    expect(full.body.error.details).toEqual({ pool_size: 508 });

    cloud.clock.advance(SLOW.provisionMs);
    const freed = await get(created[100]?.id ?? '');
    expect((await cloud.request('DELETE', `/instances/${freed.id}`)).status).toBe(204);
    const replacement = await create();
    cloud.clock.advance(SLOW.provisionMs);
    expect((await get(replacement.id)).ipv4).toBe(freed.ipv4);
    // 509 creates over HTTP: seconds on a quiet machine, far more while a build runs beside it.
  }, 60_000);
});

describe('permissions', () => {
  it('instances:read lists and reads but may not create, change, act or delete (403)', async () => {
    const instance = await createActive();
    const key = await cloud.request('POST', '/account/api-keys', {
      body: { name: 'reader', permissions: ['instances:read'] },
    });
    expect(key.status).toBe(201);
    const apiKey = key.body.secret as string;
    expect((await cloud.request('GET', '/instances', { apiKey })).status).toBe(200);
    expect((await cloud.request('GET', `/instances/${instance.id}`, { apiKey })).status).toBe(200);
    const writes: [string, string, unknown][] = [
      ['POST', '/instances', BASE],
      ['PATCH', `/instances/${instance.id}`, { label: 'x' }],
      ['POST', `/instances/${instance.id}/stop`, undefined],
      ['DELETE', `/instances/${instance.id}`, undefined],
    ];
    for (const [method, path, body] of writes) {
      const res = await cloud.request(method, path, { apiKey, body });
      expect(res.status).toBe(403);
      expect(res.body.error.details.required_permission).toBe('instances:write');
    }
  });
});

describe('firewall_id', () => {
  it("puts the instance in the firewall's instance_ids until it is detached or deleted", async () => {
    const fw = (
      await cloud.request('POST', '/firewalls', {
        body: { name: 'web', inbound_rules: [], outbound_rules: [] },
      })
    ).body.firewall;
    const instance = await createActive({ firewall_id: fw.id });
    const firewall = async () => (await cloud.request('GET', `/firewalls/${fw.id}`)).body.firewall;
    expect((await firewall()).instance_ids).toEqual([instance.id]);
    expect((await cloud.request('DELETE', `/firewalls/${fw.id}`)).body.error.code).toBe('resource_in_use');

    await cloud.request('PATCH', `/instances/${instance.id}`, { body: { firewall_id: null } });
    expect((await firewall()).instance_ids).toEqual([]);
    await cloud.request('PATCH', `/instances/${instance.id}`, { body: { firewall_id: fw.id } });
    await cloud.request('DELETE', `/instances/${instance.id}`);
    expect((await firewall()).instance_ids).toEqual([]);
    expect((await cloud.request('DELETE', `/firewalls/${fw.id}`)).status).toBe(204);
  });
});

describe('GET /instances/{id}', () => {
  it('404 for an unknown id and for path tricks', async () => {
    for (const id of ['inst_missing', '..%2Fssh-keys', '%00']) {
      const res = await cloud.request('GET', `/instances/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });
});

describe('PATCH /instances/{id}', () => {
  it('changes label, tags, backups and firewall at once (202), keeping the host name', async () => {
    const instance = await createActive({ tags: ['a'] });
    const fw = await cloud.request('POST', '/firewalls', {
      body: { name: 'web', inbound_rules: [], outbound_rules: [] },
    });
    cloud.clock.advance(1000);
    const res = await cloud.request('PATCH', `/instances/${instance.id}`, {
      body: { label: 'renamed', tags: ['z', 'b', 'z'], backups: true, firewall_id: fw.body.firewall.id },
    });
    expect(res.status).toBe(202);
    const changed = instanceResponseSchema.parse(res.body).instance;
    expect(changed).toMatchObject({
      label: 'renamed',
      hostname: instance.hostname,
      tags: ['b', 'z'],
      backups: true,
      firewall_id: fw.body.firewall.id,
      status: 'active',
    });
    expect(changed.updated_at > instance.updated_at).toBe(true);
    expect(await get(instance.id)).toEqual(changed);

    const detached = await cloud.request('PATCH', `/instances/${instance.id}`, {
      body: { firewall_id: null },
    });
    expect(detached.body.instance.firewall_id).toBeNull();
    expect(detached.body.instance.tags).toEqual(['b', 'z']);
  });

  it('resizes: resizing with the old size until resizeMs, then active with the new plan', async () => {
    const instance = await createActive();
    const res = await cloud.request('PATCH', `/instances/${instance.id}`, { body: { plan: 'vc2-2c-4gb' } });
    expect(res.status).toBe(202);
    expect(res.body.instance).toMatchObject({ status: 'resizing', plan: 'vc2-1c-2gb', disk_gb: 55 });
    expect(res.body.instance.ipv4).toBe(instance.ipv4);

    cloud.clock.advance(SLOW.resizeMs - 1);
    expect((await get(instance.id)).status).toBe('resizing');
    cloud.clock.advance(1);
    expect(await get(instance.id)).toMatchObject({
      status: 'active',
      power_status: 'running',
      plan: 'vc2-2c-4gb',
      vcpu_count: 2,
      ram_mb: 4096,
      disk_gb: 80,
    });
  });

  it('accepts the current plan as no change', async () => {
    const instance = await createActive();
    const res = await cloud.request('PATCH', `/instances/${instance.id}`, { body: { plan: instance.plan } });
    expect(res.status).toBe(202);
    expect(res.body.instance.status).toBe('active');
  });

  describe('400 on plan', () => {
    it.each([
      ['an unknown plan', 'vc2-64c-1tb', /is not a plan/],
      ['a plan not offered in the region', 'vhf-4c-16gb', /not offered in region nyc/],
      ['a smaller disk', 'vc2-1c-1gb', /25 GB disk, smaller than the instance's 64 GB/],
    ])('%s', async (_name, plan, reason) => {
      const instance = await createActive({ region: 'nyc', plan: 'vhf-1c-2gb' });
      expectFieldError(
        await cloud.request('PATCH', `/instances/${instance.id}`, { body: { plan } }),
        'plan',
        reason,
      );
      expect((await get(instance.id)).plan).toBe('vhf-1c-2gb');
    });
  });

  it('400 on a missing firewall, an empty body and an immutable field', async () => {
    const instance = await createActive();
    const patch = (body: unknown) => cloud.request('PATCH', `/instances/${instance.id}`, { body });
    expectFieldError(await patch({ firewall_id: 'fw_missing' }), 'firewall_id', /does not name a firewall/);
    expectFieldError(await patch({}), '(body)', /at least one of label, plan, tags, firewall_id, backups/);
    expectFieldError(await patch({ region: 'fra' }), 'region', /is not a field/);
    expectFieldError(await patch({ hostname: 'x' }), 'hostname', /is not a field/);
  });

  it('409 while pending or resizing, and 404 for an unknown id', async () => {
    const pending = await create();
    expectConflict(
      await cloud.request('PATCH', `/instances/${pending.id}`, { body: { label: 'x' } }),
      /still being provisioned/,
    );
    cloud.clock.advance(SLOW.provisionMs);
    await cloud.request('PATCH', `/instances/${pending.id}`, { body: { plan: 'vc2-2c-4gb' } });
    const res = await cloud.request('PATCH', `/instances/${pending.id}`, { body: { tags: ['t'] } });
    expectConflict(res, /is being resized/);
    expect(res.body.error.details).toMatchObject({ status: 'resizing', action: 'resize', retryable: true });

    const missing = await cloud.request('PATCH', '/instances/inst_missing', { body: { label: 'x' } });
    expect(missing.status).toBe(404);
  });
});

describe('power actions', () => {
  const action = (id: string, name: string, options: { body?: unknown } = {}) =>
    cloud.request('POST', `/instances/${id}/${name}`, options);

  it('stop, then start: 202 at once, the power status changes after powerMs', async () => {
    const instance = await createActive();
    const stop = await action(instance.id, 'stop');
    expect(stop.status).toBe(202);
    expect(instanceResponseSchema.parse(stop.body).instance.power_status).toBe('running');

    cloud.clock.advance(SLOW.powerMs - 1);
    expect((await get(instance.id)).power_status).toBe('running');
    cloud.clock.advance(1);
    expect((await get(instance.id)).power_status).toBe('stopped');

    expect((await action(instance.id, 'start', { body: {} })).status).toBe(202);
    cloud.clock.advance(SLOW.powerMs);
    expect(await get(instance.id)).toMatchObject({ power_status: 'running', status: 'active' });
  });

  it('start on a running and stop on a stopped instance are idempotent 202s that change nothing', async () => {
    const instance = await createActive();
    const start = await action(instance.id, 'start');
    expect(start.status).toBe(202);
    expect(start.body.instance).toEqual(instance);
    // No power action is in flight, so another action is not refused as busy.
    expect((await action(instance.id, 'stop')).status).toBe(202);
    cloud.clock.advance(SLOW.powerMs);
    const stopped = await get(instance.id);
    const again = await action(instance.id, 'stop');
    expect(again.status).toBe(202);
    expect(again.body.instance).toEqual(stopped);
  });

  it('reboot keeps the instance running and refuses a stopped one', async () => {
    const instance = await createActive();
    expect((await action(instance.id, 'reboot')).body.instance.power_status).toBe('running');
    expectConflict(await action(instance.id, 'reboot'), /in the middle of a reboot/);
    cloud.clock.advance(SLOW.powerMs);
    expect((await get(instance.id)).power_status).toBe('running');

    await action(instance.id, 'stop');
    cloud.clock.advance(SLOW.powerMs);
    const stopped = await action(instance.id, 'reboot');
    expectConflict(stopped, /is stopped; start it instead/);
    // Waiting would not help: only the caller can start it, so this conflict is not marked retryable.
    expect(stopped.body.error.details.retryable).toBeUndefined();
  });

  it('409 on a pending instance and during another power action; 404 for an unknown id', async () => {
    const pending = await create();
    for (const name of ['start', 'stop', 'reboot']) {
      expectConflict(await action(pending.id, name), /still being provisioned/);
    }
    cloud.clock.advance(SLOW.provisionMs);
    await action(pending.id, 'stop');
    expectConflict(await action(pending.id, 'start'), /in the middle of a stop/);
    expect((await action('inst_missing', 'start')).status).toBe(404);
  });

  it('400 for a body with fields', async () => {
    const instance = await createActive();
    expectFieldError(await action(instance.id, 'stop', { body: { force: true } }), 'force', /is not a field/);
  });
});

describe('DELETE /instances/{id}', () => {
  it('204, then 404; a pending instance can be deleted too', async () => {
    const active = await createActive();
    const pending = await create();
    for (const id of [active.id, pending.id]) {
      const res = await cloud.request('DELETE', `/instances/${id}`);
      expect(res.status).toBe(204);
      expect(res.body).toBeUndefined();
      expect((await cloud.request('GET', `/instances/${id}`)).status).toBe(404);
      expect((await cloud.request('DELETE', `/instances/${id}`)).status).toBe(404);
    }
  });

  it('detaches its block volumes first', async () => {
    const instance = await createActive();
    const block = await cloud.request('POST', '/blocks', {
      body: { region: 'ams', size_gb: 10, label: 'data', attached_to_instance_id: instance.id },
    });
    expect(block.status).toBe(202);
    cloud.clock.advance(SLOW.blockMs);
    const attached = await cloud.request('GET', `/blocks/${block.body.block.id}`);
    expect(attached.body.block.attached_to_instance_id).toBe(instance.id);

    expect((await cloud.request('DELETE', `/instances/${instance.id}`)).status).toBe(204);
    const after = await cloud.request('GET', `/blocks/${block.body.block.id}`);
    expect(after.body.block).toMatchObject({ status: 'active', attached_to_instance_id: null });
  });

  it('frees the IPv4 address for later instances', async () => {
    const first = await createActive();
    await cloud.request('DELETE', `/instances/${first.id}`);
    const next = await createActive();
    expect(next.ipv4).toBe(first.ipv4);
  });
});

describe('GET /instances (list)', () => {
  async function list(query = '') {
    const res = await cloud.request('GET', `/instances${query}`);
    expect(res.status).toBe(200);
    return instanceListSchema.parse(res.body);
  }

  it('filters by label, region, status and tag, with total counting only matches', async () => {
    const a = await createActive({ label: 'alpha', region: 'ams', tags: ['web', 'prod'] });
    const c = await createActive({ label: 'alpha', region: 'fra', tags: ['db'] });
    const b = await create({ label: 'beta', region: 'fra', tags: ['web'] });
    const ids = async (query: string) => (await list(query)).instances.map((i) => i.id);

    expect(await ids('?label=alpha')).toEqual([a.id, c.id]);
    expect(await ids('?region=fra')).toEqual([c.id, b.id]);
    expect(await ids('?status=pending')).toEqual([b.id]);
    expect(await ids('?tag=web')).toEqual([a.id, b.id]);
    expect(await ids('?tag=web&region=fra')).toEqual([b.id]);
    expect(await ids('?tag=nothing')).toEqual([]);
    const filtered = await list('?tag=web&per_page=1');
    expect(filtered.meta.total).toBe(2);
    // A tag-filtered row is the whole instance, all its tags included.
    expect(filtered.instances[0]?.tags).toEqual(['prod', 'web']);
  });

  it('sorts by label or created_at in either order, and pages with a cursor', async () => {
    const made = [];
    for (const label of ['c', 'a', 'b', 'a']) {
      made.push(await create({ label }));
      cloud.clock.advance(1);
    }
    const byLabel = (await list('?sort=label')).instances.map((i) => i.label);
    expect(byLabel).toEqual(['a', 'a', 'b', 'c']);
    const newestFirst = (await list('?order=desc')).instances.map((i) => i.id);
    expect(newestFirst).toEqual(made.map((i) => i.id).reverse());

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?sort=label&per_page=3${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(page.meta.total).toBe(4);
      seen.push(...page.instances.map((i) => i.id));
      cursor = page.meta.next_cursor;
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(4);
    expect(seen).toHaveLength(4);
  });

  it('pages through a tag filter with a cursor', async () => {
    for (let i = 0; i < 5; i += 1) await create({ label: `n${i}`, tags: ['x'] });
    const first = await list('?tag=x&per_page=2');
    const second = await list(`?tag=x&per_page=2&cursor=${first.meta.next_cursor}`);
    expect(second.instances.map((i) => i.label)).toEqual(['n2', 'n3']);
    const wrong = await cloud.request('GET', `/instances?per_page=2&cursor=${first.meta.next_cursor}`);
    expectFieldError(wrong, 'cursor', /different sort, order or filter/);
  });

  it.each([
    ['?status=running', 'status', /must be one of/],
    ['?sort=hostname', 'sort', /must be one of/],
    ['?tag=has%20space', 'tag', /letters, digits/],
    ['?colour=red', 'colour', /is not a field/],
    ['?cursor=garbage', 'cursor', /not a cursor this API issued/],
  ])('400 on %s', async (query, field, reason) => {
    expectFieldError(await cloud.request('GET', `/instances${query}`), field, reason);
  });
});

describe('events', () => {
  let dataDir: string;
  beforeEach(async () => {
    await cloud.close();
    dataDir = mkdtempSync(join(tmpdir(), 'ly-instances-'));
    cloud = await startTestCloud({ lifecycle: SLOW, dataDir, clock: frozenClock() });
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The outbox, read through a second connection to the cloud's database file. */
  function events(): { type: string; data: Record<string, unknown> }[] {
    const store = Store.open(dataDir);
    try {
      return store.events.after(0, 1000);
    } finally {
      store.close();
    }
  }

  it('created when provisioned, power_off/power_on on completed stop/start, destroyed on delete', async () => {
    const instance = await create();
    expect(events()).toEqual([]);
    cloud.clock.advance(SLOW.provisionMs);
    const active = await get(instance.id);
    await cloud.request('POST', `/instances/${instance.id}/stop`);
    expect(events().map((e) => e.type)).toEqual(['instance.created']);
    cloud.clock.advance(SLOW.powerMs);
    await cloud.request('POST', `/instances/${instance.id}/start`);
    cloud.clock.advance(SLOW.powerMs);
    await cloud.request('POST', `/instances/${instance.id}/reboot`);
    cloud.clock.advance(SLOW.powerMs);
    await cloud.request('DELETE', `/instances/${instance.id}`);

    const emitted = events();
    expect(emitted.map((e) => e.type)).toEqual([
      'instance.created',
      'instance.power_off',
      'instance.power_on',
      'instance.destroyed',
    ]);
    expect(emitted[0]?.data).toEqual({ instance: active });
    expect(emitted[1]?.data.instance).toMatchObject({ id: instance.id, power_status: 'stopped' });
    expect(emitted[2]?.data.instance).toMatchObject({ id: instance.id, power_status: 'running' });
    expect(emitted[3]?.data.instance).toMatchObject({ id: instance.id, status: 'active' });
  });

  it('a resize and an idempotent start emit nothing', async () => {
    const instance = await createActive();
    await cloud.request('POST', `/instances/${instance.id}/start`);
    await cloud.request('PATCH', `/instances/${instance.id}`, { body: { plan: 'vc2-2c-4gb' } });
    cloud.clock.advance(SLOW.resizeMs);
    expect((await get(instance.id)).plan).toBe('vc2-2c-4gb');
    expect(events().map((e) => e.type)).toEqual(['instance.created']);
  });

  it('deleting an instance with an attached volume emits block.detached before instance.destroyed', async () => {
    const instance = await createActive();
    await cloud.request('POST', '/blocks', {
      body: { region: 'ams', size_gb: 10, label: 'data', attached_to_instance_id: instance.id },
    });
    cloud.clock.advance(SLOW.blockMs);
    await cloud.request('DELETE', `/instances/${instance.id}`);
    expect(events().map((e) => e.type)).toEqual([
      'instance.created',
      'block.attached',
      'block.detached',
      'instance.destroyed',
    ]);
  });
});
