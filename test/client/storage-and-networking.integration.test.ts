import { LightyearClient } from '../../src/client/client';
import type { LightyearApiError } from '../../src/client/errors';
import { isBusyError, isNotFoundError, isResourceInUseError } from '../../src/client/errors';
import { INSTANT_DURATIONS, type LifecycleDurations } from '../../src/cloud';
import { startTestCloud, type TestCloud } from '../helpers/local-cloud';

// Firewalls, block storage and snapshots through the client, against the real local cloud over HTTP.
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

const instance = (extra: { firewall_id?: string; region?: string } = {}) =>
  client.instances.create({ region: 'ams', plan: 'vc2-1c-1gb', image: 'debian-12', label: 'web', ...extra });

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

describe('firewalls', () => {
  it('creates with canonical rules, reads, lists by name, updates one list and deletes', async () => {
    await start();
    const created = await client.firewalls.create({
      name: 'web',
      inbound_rules: [
        { protocol: 'tcp', ports: '22', sources: ['203.0.113.7/24'] },
        { protocol: 'icmp', sources: ['::0/0'] },
      ],
    });
    expect(created).toMatchObject({ name: 'web', outbound_rules: [], instance_ids: [] });
    expect(created.inbound_rules).toEqual(
      expect.arrayContaining([
        { protocol: 'tcp', ports: '22', sources: ['203.0.113.0/24'] },
        { protocol: 'icmp', sources: ['::/0'] },
      ]),
    );
    await client.firewalls.create({ name: 'db' });
    await expect(client.firewalls.get(created.id)).resolves.toEqual(created);
    expect((await client.firewalls.listAll({ name: 'web' })).map((each) => each.id)).toEqual([created.id]);

    const renamed = await client.firewalls.update(created.id, {
      name: 'web-2',
      outbound_rules: [{ protocol: 'udp', ports: '53', destinations: ['0.0.0.0/0'] }],
    });
    expect(renamed).toMatchObject({ name: 'web-2', inbound_rules: created.inbound_rules });
    expect(renamed.outbound_rules).toEqual([{ protocol: 'udp', ports: '53', destinations: ['0.0.0.0/0'] }]);

    await client.firewalls.delete(created.id);
    expect(isNotFoundError(await caught(client.firewalls.get(created.id)))).toBe(true);
  });

  it('refuses to delete a firewall in use, naming the instances that hold it', async () => {
    await start();
    const firewall = await client.firewalls.create({ name: 'web' });
    const first = await instance({ firewall_id: firewall.id });
    const second = await instance({ firewall_id: firewall.id });
    const failure = await caught(client.firewalls.delete(firewall.id));
    expect(isResourceInUseError(failure)).toBe(true);
    expect(isBusyError(failure)).toBe(false);
    expect([...((failure as LightyearApiError).heldBy ?? [])].sort()).toEqual([first.id, second.id].sort());

    for (const each of [first, second]) await client.instances.update(each.id, { firewall_id: null });
    await client.firewalls.delete(firewall.id);
  });
});

describe('block storage', () => {
  it('creates, grows, relabels, attaches, detaches and deletes', async () => {
    await start();
    const server = await instance();
    const volume = await client.blocks.create({ region: 'ams', size_gb: 10, label: 'data' });
    expect(volume).toMatchObject({ region: 'ams', size_gb: 10, attached_to_instance_id: null });
    expect(volume.id).toMatch(/^blk_/);

    const grown = await client.blocks.update(volume.id, { size_gb: 20, label: 'data-2' });
    expect(grown).toMatchObject({ size_gb: 20, label: 'data-2' });
    const shrink = await caught(client.blocks.update(volume.id, { size_gb: 10 }));
    expect(shrink).toMatchObject({ code: 'invalid_request', field: 'size_gb' });

    const attached = await client.blocks.attach(volume.id, server.id);
    expect(attached.attached_to_instance_id).toBe(server.id);
    const listed = await client.blocks.listAll({ attached_to_instance_id: server.id });
    expect(listed.map((each) => each.id)).toEqual([volume.id]);

    const deleteAttached = await caught(client.blocks.delete(volume.id));
    expect(isResourceInUseError(deleteAttached)).toBe(true);
    expect((deleteAttached as LightyearApiError).heldBy).toEqual([server.id]);

    const other = await instance();
    const attachAgain = await caught(client.blocks.attach(volume.id, other.id));
    expect((attachAgain as LightyearApiError).heldBy).toEqual([server.id]);

    const detached = await client.blocks.detach(volume.id);
    expect(detached.attached_to_instance_id).toBeNull();
    await client.blocks.delete(volume.id);
    expect(isNotFoundError(await caught(client.blocks.get(volume.id)))).toBe(true);
  });

  it('marks an attach to a volume or instance that is not active yet as busy', async () => {
    await start(SLOW);
    const server = await instance();
    const volume = await client.blocks.create({ region: 'ams', size_gb: 10, label: 'data' });

    const pendingVolume = await caught(client.blocks.attach(volume.id, server.id));
    expect(pendingVolume).toMatchObject({ code: 'conflict', isBusy: true });

    cloud.clock.advance(SLOW.blockMs);
    const fresh = await instance();
    const pendingInstance = await caught(client.blocks.attach(volume.id, fresh.id));
    expect(isBusyError(pendingInstance)).toBe(true);

    cloud.clock.advance(SLOW.provisionMs);
    await expect(client.blocks.attach(volume.id, fresh.id)).resolves.toMatchObject({
      attached_to_instance_id: fresh.id,
    });
  });

  it('attaches through retryWhileBusy once a really provisioning instance becomes active', async () => {
    await start({ ...INSTANT_DURATIONS, provisionMs: 400 });
    const volume = await client.blocks.create({ region: 'ams', size_gb: 10, label: 'data' });
    const server = await instance();
    let refusals = 0;
    const attached = await client.retryWhileBusy(
      (signal) => client.blocks.attach(volume.id, server.id, { signal }),
      {
        description: `volume ${volume.id} to attach to ${server.id}`,
        intervalMs: 50,
        timeoutMs: 10_000,
        onBusy: () => refusals++,
      },
    );
    expect(attached).toMatchObject({ id: volume.id, attached_to_instance_id: server.id });
    expect(refusals).toBeGreaterThan(0);
  });

  it('names the wrong region as a field error', async () => {
    await start();
    const inFra = await instance({ region: 'fra' });
    const volume = await client.blocks.create({ region: 'ams', size_gb: 10, label: 'data' });
    const failure = await caught(client.blocks.attach(volume.id, inFra.id));
    expect(failure).toMatchObject({ code: 'invalid_request', field: 'instance_id' });
    expect((failure as LightyearApiError).fieldErrors).toHaveLength(1);
  });
});

describe('snapshots', () => {
  it('creates pending, completes, lists by instance and deletes', async () => {
    await start({ ...INSTANT_DURATIONS, snapshotMs: SLOW.snapshotMs });
    const server = await instance();
    const other = await instance();
    const snapshot = await client.snapshots.create({ instance_id: server.id, description: 'before upgrade' });
    expect(snapshot).toMatchObject({
      instance_id: server.id,
      status: 'pending',
      description: 'before upgrade',
    });
    await client.snapshots.create({ instance_id: other.id });

    cloud.clock.advance(SLOW.snapshotMs);
    await expect(client.snapshots.get(snapshot.id)).resolves.toMatchObject({ status: 'complete' });
    const ofServer = await client.snapshots.listAll({ instance_id: server.id });
    expect(ofServer.map((each) => each.id)).toEqual([snapshot.id]);

    await client.snapshots.delete(snapshot.id);
    expect(isNotFoundError(await caught(client.snapshots.get(snapshot.id)))).toBe(true);
  });

  it('is busy while the instance is still being provisioned', async () => {
    await start(SLOW);
    const server = await instance();
    const failure = await caught(client.snapshots.create({ instance_id: server.id }));
    expect(isBusyError(failure)).toBe(true);
    cloud.clock.advance(SLOW.provisionMs);
    await expect(client.snapshots.create({ instance_id: server.id })).resolves.toMatchObject({
      status: 'pending',
    });
  });
});
