import { LightyearClient } from '../../src/client/client';
import { LightyearApiError, isBusyError, isNotFoundError } from '../../src/client/errors';
import { INSTANT_DURATIONS, type LifecycleDurations } from '../../src/cloud';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';
import { newEd25519PublicKey } from './helpers/openssh-keys';

// Instances and the catalog through the client, against the real local cloud over HTTP. Slow transitions
// are driven by the cloud's clock (`cloud.clock.advance`), so no test waits for real seconds.
const SLOW: LifecycleDurations = {
  provisionMs: 60_000,
  resizeMs: 60_000,
  powerMs: 60_000,
  blockMs: 60_000,
  snapshotMs: 60_000,
};

let cloud: TestCloud;
let client: LightyearClient;

async function start(lifecycle: LifecycleDurations = INSTANT_DURATIONS) {
  cloud = await startTestCloud({ lifecycle });
  client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url });
}

afterEach(async () => {
  await client.close();
  await cloud.close();
});

const web = (label = 'web-1') => ({ region: 'ams', plan: 'vc2-1c-1gb', image: 'debian-12', label });

describe('the catalog', () => {
  it('lists regions, plans and images, one page at a time or all of them', async () => {
    await start();
    const regions = await client.regions.listAll();
    expect(regions.map((region) => region.id)).toEqual(
      expect.arrayContaining(['ams', 'fra', 'lon', 'nyc', 'sfo', 'sgp', 'syd', 'tyo']),
    );
    const firstTwo = await client.regions.list({ per_page: 2 });
    expect(firstTwo.items).toEqual(regions.slice(0, 2));
    expect(firstTwo).toMatchObject({ total: regions.length, nextCursor: expect.any(String) });

    const plans = [];
    for await (const plan of client.plans.iterate({ per_page: 3 })) plans.push(plan);
    expect(plans.length).toBeGreaterThan(3);
    expect(plans.map((plan) => plan.id)).toContain('vc2-1c-1gb');

    const images = await client.images.listAll();
    expect(images.map((image) => image.id)).toEqual(expect.arrayContaining(['ubuntu-24.04', 'debian-12']));
  });
});

describe('instances', () => {
  it('creates, reads, lists with filters, relabels, resizes and deletes', async () => {
    await start();
    const key = await client.sshKeys.create({ name: 'k', public_key: newEd25519PublicKey('k') });
    const created = await client.instances.create({
      ...web(),
      ssh_key_ids: [key.id],
      tags: ['web', 'env:prod'],
    });
    expect(created).toMatchObject({ label: 'web-1', region: 'ams', ssh_key_ids: [key.id] });
    expect(created.tags).toEqual(['env:prod', 'web']);
    expect(created.id).toMatch(/^inst_/);
    const other = await client.instances.create({ ...web('db-1'), region: 'fra' });

    const active = await client.instances.get(created.id);
    expect(active).toMatchObject({ status: 'active', power_status: 'running' });
    expect(active.ipv4).toEqual(expect.any(String));

    expect((await client.instances.listAll({ region: 'fra' })).map((each) => each.id)).toEqual([other.id]);
    expect((await client.instances.listAll({ tag: 'web' })).map((each) => each.id)).toEqual([created.id]);
    expect((await client.instances.list({ label: 'db-1' })).items.map((each) => each.id)).toEqual([other.id]);
    const byLabel = await client.instances.listAll({ sort: 'label', order: 'desc' });
    expect(byLabel.map((each) => each.label)).toEqual(['web-1', 'db-1']);

    const relabelled = await client.instances.update(created.id, { label: 'web-2', backups: true });
    expect(relabelled).toMatchObject({ label: 'web-2', backups: true });

    const resized = await client.instances.resize(created.id, 'vc2-2c-4gb');
    expect(resized).toMatchObject({ id: created.id, status: 'resizing' });
    await expect(client.instances.get(created.id)).resolves.toMatchObject({
      plan: 'vc2-2c-4gb',
      status: 'active',
    });

    await client.instances.delete(created.id);
    const gone = await client.instances.get(created.id).catch((err: unknown) => err);
    expect(isNotFoundError(gone)).toBe(true);
  });

  it('stops, starts and reboots through the actions', async () => {
    await start(SLOW);
    const { id } = await client.instances.create(web());
    cloud.clock.advance(SLOW.provisionMs);

    const stopping = await client.instances.stop(id);
    expect(stopping).toMatchObject({ id, power_status: 'running' });
    cloud.clock.advance(SLOW.powerMs);
    await expect(client.instances.get(id)).resolves.toMatchObject({ power_status: 'stopped' });

    await client.instances.start(id);
    cloud.clock.advance(SLOW.powerMs);
    await expect(client.instances.get(id)).resolves.toMatchObject({ power_status: 'running' });

    await expect(client.instances.reboot(id)).resolves.toMatchObject({ power_status: 'running' });
    const requests = await fetch(`${cloud.origin}/_local/requests`, {
      headers: { authorization: `Bearer ${cloud.apiKey}` },
    }).then((res) => res.json() as Promise<{ requests: { method: string; path: string }[] }>);
    const actions = requests.requests
      .filter((request) => request.method === 'POST' && request.path.startsWith(`/v1/instances/${id}/`))
      .map((request) => request.path.slice(`/v1/instances/${id}/`.length));
    expect(actions).toEqual(['stop', 'start', 'reboot']);
  });

  it('tells busy (retry later) from a real conflict', async () => {
    await start(SLOW);
    const { id } = await client.instances.create(web());
    const whileProvisioning = await client.instances.stop(id).catch((err: unknown) => err);
    expect(whileProvisioning).toBeInstanceOf(LightyearApiError);
    expect(whileProvisioning).toMatchObject({ code: 'conflict', status: 409, isBusy: true });
    expect(isBusyError(whileProvisioning)).toBe(true);

    cloud.clock.advance(SLOW.provisionMs);
    await client.instances.resize(id, 'vc2-2c-4gb');
    const whileResizing = await client.instances.update(id, { label: 'x' }).catch((err: unknown) => err);
    expect(isBusyError(whileResizing)).toBe(true);
    expect((whileResizing as LightyearApiError).details).toMatchObject({ status: 'resizing' });

    cloud.clock.advance(SLOW.resizeMs);
    await client.instances.stop(id);
    cloud.clock.advance(SLOW.powerMs);
    // A stopped instance stays stopped however long one waits: a conflict, but not a busy one.
    const rebootStopped = await client.instances.reboot(id).catch((err: unknown) => err);
    expect(rebootStopped).toMatchObject({ code: 'conflict', isBusy: false });
    expect(isBusyError(rebootStopped)).toBe(false);
  });

  it('exposes every field error of one refused request', async () => {
    await start();
    const failure = await client.instances
      .create({
        region: 'atlantis',
        plan: 'vc9-huge',
        image: 'beos-5',
        label: 'x',
        ssh_key_ids: ['sshk_missing'],
      })
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LightyearApiError);
    const error = failure as LightyearApiError;
    expect(error).toMatchObject({ code: 'invalid_request', field: 'region' });
    expect(error.fieldErrors.map((each) => each.field)).toEqual([
      'region',
      'plan',
      'image',
      'ssh_key_ids[0]',
    ]);
    expect(error.fieldErrors[0]).toEqual({ field: error.field, reason: error.reason });
    for (const each of error.fieldErrors) expect(each.reason).toEqual(expect.any(String));
  });

  it('waits with waitFor until a real lifecycle makes the instance active', async () => {
    await start({ ...INSTANT_DURATIONS, provisionMs: 400 });
    const { id } = await client.instances.create(web());
    const seen: string[] = [];
    const active = await client.waitFor({
      poll: (signal) => client.instances.get(id, { signal }),
      until: (instance) => instance.status === 'active',
      onPoll: (instance) => seen.push(instance.status),
      description: `instance ${id} to become active`,
      intervalMs: 50,
      timeoutMs: 10_000,
    });
    expect(active).toMatchObject({ id, status: 'active', power_status: 'running' });
    expect(active.ipv4).toEqual(expect.any(String));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['pending']));
  });

  it('times out a waitFor with the instance as last seen', async () => {
    await start(SLOW);
    const { id } = await client.instances.create(web());
    const failure = await client
      .waitFor({
        poll: (signal) => client.instances.get(id, { signal }),
        until: (instance) => instance.status === 'active',
        description: `instance ${id} to become active`,
        describeLast: (instance) => `status ${instance.status}`,
        intervalMs: 20,
        timeoutMs: 150,
      })
      .catch((err: unknown) => err);
    expect(failure).toMatchObject({
      code: 'wait_timeout',
      lastSeen: { id, status: 'pending' },
      message: expect.stringContaining('(last seen: status pending)'),
    });
  });
});
