/**
 * lightyear_instance's planning through the framework server in-process, against the local cloud (instant
 * lifecycle): default_tags merged into tags_all without a diff, plan-time refusals on the right attribute,
 * resize sizes from the catalog, power_status, and user data compared by digest after an import.
 */
import { LightyearClient } from '../../../../src/client';
import { INSTANT_DURATIONS } from '../../../../src/cloud';
import { rememberProviderSettings } from '../../../../src/provider/provider-settings';
import { instanceResource } from '../../../../src/provider/resources/instance/resource';
import { userDataSha256 } from '../../../../src/provider/resources/instance/rules';
import { Unknown, type ObjectValue, type Value } from '../../../../src/provider/protocol/values';
import { errorsOf, frameworkHarness, type FrameworkHarness } from '../../../helpers/framework-harness';
import { startTestCloud, type TestCloud } from '../../../helpers/local-cloud';

const DEFAULTS = ['managed-by:terraform'];

function config(over: Record<string, Value> = {}): ObjectValue {
  return {
    id: null,
    label: 'web',
    region: 'ams',
    plan: 'vc2-1c-1gb',
    image: 'debian-12',
    hostname: null,
    ssh_key_ids: null,
    user_data: null,
    user_data_sha256: null,
    firewall_id: null,
    tags: null,
    tags_all: null,
    enable_ipv6: null,
    backups: null,
    power_status: null,
    status: null,
    ipv4: null,
    ipv6: null,
    vcpu_count: null,
    ram_mb: null,
    disk_gb: null,
    created_at: null,
    timeouts: null,
    ...over,
  };
}

describe('lightyear_instance planning', () => {
  let cloud: TestCloud;
  let client: LightyearClient;
  let h: FrameworkHarness;

  beforeAll(async () => {
    cloud = await startTestCloud({ lifecycle: INSTANT_DURATIONS });
    client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url });
    rememberProviderSettings(client, { defaultTags: DEFAULTS });
    h = await frameworkHarness(instanceResource, client);
  });

  afterAll(async () => {
    await client.close();
    await cloud.close();
  });

  it('plans a create with tags_all, sizes and status known, and then no change', async () => {
    const cfg = config({ tags: ['managed-by:terraform', 'web'] });
    const plan = await h.plan(null, cfg);
    expect(errorsOf(plan.diagnostics)).toEqual([]);
    expect(plan.planned).toMatchObject({
      tags_all: ['managed-by:terraform', 'web'],
      vcpu_count: 1,
      ram_mb: 1024,
      disk_gb: 25,
      status: 'active',
      power_status: 'running',
      enable_ipv6: false,
      backups: false,
      user_data_sha256: null,
    });
    expect(plan.planned!.id).toBeInstanceOf(Unknown);
    const state = await h.converge(null, cfg);
    // A tag that is both default and configured stays in tags: nothing to plan.
    expect(state.tags).toEqual(['managed-by:terraform', 'web']);
    const again = await h.plan(state, cfg);
    expect(again.planned).toEqual(state);
    const refreshed = await h.read(state);
    expect(refreshed.state).toEqual(state);
    await client.instances.delete(state.id as string);
  });

  it('adds a new default tag to every instance in place, and keeps it out of tags', async () => {
    const cfg = config({ tags: ['web'] });
    const state = await h.converge(null, cfg);
    expect(state.tags).toEqual(['web']);
    expect(state.tags_all).toEqual(['managed-by:terraform', 'web']);
    rememberProviderSettings(client, { defaultTags: [...DEFAULTS, 'team:core'] });
    try {
      const plan = await h.plan(state, cfg);
      expect(plan.planned!.tags_all).toEqual(['managed-by:terraform', 'team:core', 'web']);
      expect(plan.requiresReplace).toEqual([]);
      const applied = await h.apply(state, plan.planned, cfg);
      expect(applied.state!.tags).toEqual(['web']);
      expect((await client.instances.get(state.id as string)).tags).toEqual([
        'managed-by:terraform',
        'team:core',
        'web',
      ]);
    } finally {
      rememberProviderSettings(client, { defaultTags: DEFAULTS });
      await client.instances.delete(state.id as string);
    }
  });

  it('refuses an unknown image or region, and a plan not offered in the region, on the attribute', async () => {
    const bad = await h.plan(null, config({ image: 'windows-95', region: 'syd', plan: 'vhf-1c-2gb' }));
    expect(errorsOf(bad.diagnostics)).toEqual([
      { summary: 'Unknown image', path: ['image'] },
      { summary: 'Plan not offered in the region', path: ['plan'] },
    ]);
    const region = await h.plan(null, config({ region: 'mars' }));
    expect(errorsOf(region.diagnostics)).toEqual([{ summary: 'Unknown region', path: ['region'] }]);
    const ipv6 = await h.plan(null, config({ region: 'syd', enable_ipv6: true }));
    expect(errorsOf(ipv6.diagnostics)).toEqual([
      { summary: 'IPv6 not available in the region', path: ['enable_ipv6'] },
    ]);
  });

  it('resizes in place with the new sizes planned, and refuses a smaller disk at plan time', async () => {
    const state = await h.converge(null, config({ plan: 'vhf-1c-2gb' }));
    try {
      const up = await h.plan(state, config({ plan: 'vc2-2c-4gb' }));
      expect(up.requiresReplace).toEqual([]);
      expect(up.planned).toMatchObject({ vcpu_count: 2, ram_mb: 4096, disk_gb: 80, status: 'active' });
      const down = await h.plan(state, config({ plan: 'vc2-1c-2gb' }));
      expect(errorsOf(down.diagnostics)).toEqual([
        { summary: 'Cannot resize to a smaller disk', path: ['plan'] },
      ]);
      const resized = await h.converge(state, config({ plan: 'vc2-2c-4gb' }));
      expect(resized).toMatchObject({ id: state.id, plan: 'vc2-2c-4gb', disk_gb: 80 });
    } finally {
      await client.instances.delete(state.id as string);
    }
  });

  it('powers off after create when power_status is stopped, and on again in place', async () => {
    const state = await h.converge(null, config({ power_status: 'stopped' }));
    try {
      expect(state.power_status).toBe('stopped');
      expect((await client.instances.get(state.id as string)).power_status).toBe('stopped');
      const plan = await h.plan(state, config({ power_status: 'running' }));
      expect(plan.requiresReplace).toEqual([]);
      const on = await h.converge(state, config({ power_status: 'running' }));
      expect(on.power_status).toBe('running');
      // Left out, the power status is whatever it is: no change planned.
      const left = await h.plan(on, config());
      expect(left.planned).toEqual(on);
    } finally {
      await client.instances.delete(state.id as string);
    }
  });

  it("after an import, configured user data with the instance's digest plans no change; other user data replaces", async () => {
    const text = '#cloud-config\nruncmd: [echo hi]\n';
    const created = await h.converge(null, config({ user_data: text }));
    expect(created.user_data_sha256).toBe(userDataSha256(text));
    try {
      const imported = await h.importState(created.id as string);
      const read = await h.read(imported.state!);
      expect(read.state!.user_data).toBeNull();
      expect(read.state!.user_data_sha256).toBe(userDataSha256(text));
      const same = await h.plan(read.state, config({ user_data: text }));
      expect(same.requiresReplace).toEqual([]);
      expect(same.legacyTypeSystem).toBe(true);
      expect(same.planned).toEqual(read.state);
      const timed = await h.plan(
        read.state,
        config({ user_data: text, timeouts: { create: '5m', update: null, delete: null } }),
      );
      expect(timed.planned).toEqual(read.state);
      const other = await h.plan(read.state, config({ user_data: `${text}# changed\n` }));
      expect(other.requiresReplace).toEqual([['user_data']]);
    } finally {
      await client.instances.delete(created.id as string);
    }
  });

  it('after an import, a configured tag that is also a default tag plans no change', async () => {
    const cfg = config({ tags: ['managed-by:terraform', 'web'] });
    const created = await h.converge(null, cfg);
    try {
      const imported = await h.importState(created.id as string);
      const read = (await h.read(imported.state!)).state!;
      expect(read.tags).toEqual(['web']);
      const plan = await h.plan(read, cfg);
      expect(plan.planned).toEqual(read);
      // A timeouts block in the configuration, absent after an import, is no change either.
      const withTimeouts = await h.plan(read, {
        ...cfg,
        timeouts: { create: '5m', update: null, delete: null },
      });
      expect(withTimeouts.planned).toEqual(read);
      expect(withTimeouts.legacyTypeSystem).toBe(true);
      // Dropping an own tag, or adding one the instance does not carry, is still a change.
      expect((await h.plan(read, config({ tags: ['managed-by:terraform'] }))).planned!.tags).toEqual([
        'managed-by:terraform',
      ]);
      expect((await h.plan(read, config({ tags: ['web', 'api'] }))).planned!.tags_all).toEqual([
        'api',
        'managed-by:terraform',
        'web',
      ]);
    } finally {
      await client.instances.delete(created.id as string);
    }
  });

  it('refuses bad values at validate time on the attribute', async () => {
    const diagnostics = await h.validate(
      config({ power_status: 'off', tags: ['two words'], hostname: 'web_1', label: '   ' }),
    );
    expect(
      errorsOf(diagnostics)
        .map((d) => d.path[0])
        .sort(),
    ).toEqual(['hostname', 'label', 'power_status', 'tags']);
  });
});
