import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  errorEnvelopeSchema,
  instanceResponseSchema,
  snapshotListSchema,
  snapshotResponseSchema,
  type Instance,
  type Snapshot,
} from '../../../src/api';
import type { LifecycleDurations } from '../../../src/cloud';
import { CloudClock } from '../../../src/cloud/clock';
import { Store } from '../../../src/cloud/store';
import { startTestCloud, type TestCloud, type TestResponse } from '../../helpers/local-cloud';

const SLOW: LifecycleDurations = {
  provisionMs: 60_000,
  resizeMs: 30_000,
  powerMs: 10_000,
  blockMs: 5_000,
  snapshotMs: 20_000,
};

/** Time stands still unless a test advances it. */
const frozenClock = () => new CloudClock(() => Date.parse('2030-01-01T00:00:00.000Z'));

let cloud: TestCloud;
let dataDir: string;
beforeEach(async () => {
  // A data directory so the outbox can be read through a second connection.
  dataDir = mkdtempSync(join(tmpdir(), 'ly-snapshots-'));
  cloud = await startTestCloud({ lifecycle: SLOW, clock: frozenClock(), dataDir });
});
afterEach(async () => {
  await cloud.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function events(): { type: string; data: Record<string, unknown> }[] {
  const store = Store.open(dataDir);
  try {
    return store.events.after(0, 1000);
  } finally {
    store.close();
  }
}

async function instance(plan = 'vc2-1c-2gb', activate = true): Promise<Instance> {
  const res = await cloud.request('POST', '/instances', {
    body: { region: 'ams', plan, image: 'debian-12', label: 'db' },
  });
  expect(res.status).toBe(202);
  if (activate) cloud.clock.advance(SLOW.provisionMs);
  return instanceResponseSchema.parse(res.body).instance;
}

async function snapshot(instanceId: string, description?: string): Promise<Snapshot> {
  const res = await cloud.request('POST', '/snapshots', { body: { instance_id: instanceId, description } });
  expect(res.status).toBe(202);
  return snapshotResponseSchema.parse(res.body).snapshot;
}

async function get(id: string): Promise<TestResponse> {
  return cloud.request('GET', `/snapshots/${id}`);
}

function expectError(res: TestResponse, status: number, code: string, field?: string) {
  expect(res.status).toBe(status);
  const envelope = errorEnvelopeSchema.parse(res.body);
  expect(envelope.error.code).toBe(code);
  if (field !== undefined) expect(envelope.error.details?.field).toBe(field);
}

describe('POST /snapshots', () => {
  it('202 with a pending snapshot sized as the disk; complete after snapshotMs, emitting the event', async () => {
    const source = await instance('vc2-2c-4gb');
    const res = await cloud.request('POST', '/snapshots', {
      body: { instance_id: source.id, description: '  before upgrade  ' },
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toMatch(/^\/v1\/snapshots\/snap_/);
    const pending = snapshotResponseSchema.parse(res.body).snapshot;
    expect(pending).toMatchObject({
      instance_id: source.id,
      description: 'before upgrade',
      status: 'pending',
      size_gb: 80,
    });
    expect(pending.id).toMatch(/^snap_[0-9A-Za-z]{24}$/);

    cloud.clock.advance(SLOW.snapshotMs - 1);
    expect((await get(pending.id)).body.snapshot.status).toBe('pending');
    expect(events().map((e) => e.type)).toEqual(['instance.created']);
    cloud.clock.advance(1);
    const complete = snapshotResponseSchema.parse((await get(pending.id)).body).snapshot;
    expect(complete).toEqual({ ...pending, status: 'complete' });

    const emitted = events();
    expect(emitted.map((e) => e.type)).toEqual(['instance.created', 'instance.snapshot_completed']);
    expect(emitted[1]?.data).toEqual({ snapshot: complete });
  });

  it('takes a stopped instance, and leaves the description null when none is given', async () => {
    const source = await instance();
    await cloud.request('POST', `/instances/${source.id}/stop`);
    cloud.clock.advance(SLOW.powerMs);
    expect((await snapshot(source.id)).description).toBeNull();
  });

  it('400 on instance_id for an instance that does not exist or a malformed id', async () => {
    for (const instanceId of ['inst_missing', 'i-123']) {
      expectError(
        await cloud.request('POST', '/snapshots', { body: { instance_id: instanceId } }),
        400,
        'invalid_request',
        'instance_id',
      );
    }
  });

  it('400 on a missing instance_id, a blank description and an unknown field', async () => {
    const source = await instance();
    const post = (body: unknown) => cloud.request('POST', '/snapshots', { body });
    expectError(await post({}), 400, 'invalid_request', 'instance_id');
    expectError(
      await post({ instance_id: source.id, description: ' ' }),
      400,
      'invalid_request',
      'description',
    );
    expectError(await post({ instance_id: source.id, name: 'x' }), 400, 'invalid_request', 'name');
  });

  it('409 while the instance is pending or resizing', async () => {
    const pending = await instance('vc2-1c-2gb', false);
    expectError(
      await cloud.request('POST', '/snapshots', { body: { instance_id: pending.id } }),
      409,
      'conflict',
      'instance_id',
    );
    cloud.clock.advance(SLOW.provisionMs);
    await cloud.request('PATCH', `/instances/${pending.id}`, { body: { plan: 'vc2-2c-4gb' } });
    const resizing = await cloud.request('POST', '/snapshots', { body: { instance_id: pending.id } });
    expectError(resizing, 409, 'conflict');
    expect(resizing.body.error.details).toMatchObject({ status: 'resizing', retryable: true });
  });
});

describe('GET, DELETE /snapshots/{id}', () => {
  it('reads, deletes (204) and then 404s', async () => {
    const taken = await snapshot((await instance()).id);
    expect((await get(taken.id)).body.snapshot).toEqual(taken);
    const deleted = await cloud.request('DELETE', `/snapshots/${taken.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expectError(await get(taken.id), 404, 'not_found');
    expectError(await cloud.request('DELETE', `/snapshots/${taken.id}`), 404, 'not_found');
  });

  it('a snapshot deleted while pending never completes nor emits', async () => {
    const taken = await snapshot((await instance()).id);
    await cloud.request('DELETE', `/snapshots/${taken.id}`);
    cloud.clock.advance(SLOW.snapshotMs);
    await cloud.request('GET', '/snapshots');
    expect(events().map((e) => e.type)).toEqual(['instance.created']);
  });

  it('outlives its instance, still naming it', async () => {
    const source = await instance();
    const taken = await snapshot(source.id);
    expect((await cloud.request('DELETE', `/instances/${source.id}`)).status).toBe(204);
    cloud.clock.advance(SLOW.snapshotMs);
    expect((await get(taken.id)).body.snapshot).toMatchObject({ instance_id: source.id, status: 'complete' });
  });
});

describe('GET /snapshots (list)', () => {
  it('filters by instance_id, orders by creation time, and pages with a cursor', async () => {
    const a = await instance();
    const b = await instance();
    const taken: Snapshot[] = [];
    for (const source of [a, b, a, a]) {
      taken.push(await snapshot(source.id));
      cloud.clock.advance(1);
    }
    const list = async (query: string) => {
      const res = await cloud.request('GET', `/snapshots${query}`);
      expect(res.status).toBe(200);
      return snapshotListSchema.parse(res.body);
    };
    const ofA = taken.filter((s) => s.instance_id === a.id).map((s) => s.id);
    expect((await list(`?instance_id=${a.id}`)).snapshots.map((s) => s.id)).toEqual(ofA);
    expect((await list(`?instance_id=${a.id}&order=desc`)).snapshots.map((s) => s.id)).toEqual(
      [...ofA].reverse(),
    );

    const first = await list(`?instance_id=${a.id}&per_page=2`);
    expect(first.meta).toMatchObject({ total: 3 });
    const second = await list(`?instance_id=${a.id}&per_page=2&cursor=${first.meta.next_cursor}`);
    expect([...first.snapshots, ...second.snapshots].map((s) => s.id)).toEqual(ofA);
    expect(second.meta.next_cursor).toBeNull();
    expect((await list('')).meta.total).toBe(4);
  });

  it.each([
    ['?instance_id=nope', 'instance_id'],
    ['?sort=size_gb', 'sort'],
    ['?status=complete', 'status'],
    ['?cursor=garbage', 'cursor'],
  ])('400 on %s', async (query, field) => {
    expectError(await cloud.request('GET', `/snapshots${query}`), 400, 'invalid_request', field);
  });
});
