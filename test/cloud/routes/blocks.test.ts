import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { blockListSchema, blockResponseSchema, errorEnvelopeSchema, type Block } from '../../../src/api';
import { INSTANT_DURATIONS, type LifecycleDurations } from '../../../src/cloud/lifecycle';
import { startTestCloud, type TestCloud, type TestResponse } from '../../helpers/local-cloud';

let cloud: TestCloud;
let dataDir: string;
const dataDirs: string[] = [];

async function start(lifecycle: LifecycleDurations = INSTANT_DURATIONS): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), 'blocks-test-'));
  dataDirs.push(dataDir);
  cloud = await startTestCloud({ lifecycle, dataDir });
}

afterEach(async () => {
  await cloud.close();
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The event outbox as committed, read from the database file the way webhook delivery reads it. */
function outbox(): { type: string; data: { block: Block; instance_id: string } }[] {
  const db = new Database(join(dataDir, 'cloud.db'), { readonly: true });
  try {
    const rows = db.prepare("SELECT type, data FROM events WHERE type LIKE 'block.%' ORDER BY seq").all() as {
      type: string;
      data: string;
    }[];
    return rows.map((row) => ({
      type: row.type,
      data: JSON.parse(row.data) as { block: Block; instance_id: string },
    }));
  } finally {
    db.close();
  }
}

function expectError(res: TestResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  const envelope = errorEnvelopeSchema.parse(res.body);
  expect(envelope.error.code).toBe(code);
  return envelope.error;
}

function expectFieldError(res: TestResponse, field: string, reason: RegExp) {
  const error = expectError(res, 400, 'invalid_request');
  expect(error.details?.field).toBe(field);
  expect(error.details?.reason).toEqual(expect.stringMatching(reason));
  expect(error.message).toContain(field);
}

async function createBlock(body: Record<string, unknown> = {}): Promise<Block> {
  const res = await cloud.request('POST', '/blocks', {
    body: { region: 'ams', size_gb: 10, label: 'data', ...body },
  });
  expect(res.status).toBe(202);
  return blockResponseSchema.parse(res.body).block;
}

async function getBlock(id: string): Promise<Block> {
  const res = await cloud.request('GET', `/blocks/${id}`);
  expect(res.status).toBe(200);
  return blockResponseSchema.parse(res.body).block;
}

async function createInstance(region = 'ams'): Promise<string> {
  const res = await cloud.request('POST', '/instances', {
    body: { region, plan: 'vc2-1c-1gb', image: 'debian-12', label: 'db' },
  });
  expect(res.status).toBe(202);
  return (res.body as { instance: { id: string } }).instance.id;
}

async function attach(blockId: string, instanceId: string): Promise<TestResponse> {
  return cloud.request('POST', `/blocks/${blockId}/attach`, { body: { instance_id: instanceId } });
}

describe('POST /blocks and the pending → active lifecycle', () => {
  it('answers 202 with a pending volume that becomes active exactly when blockMs has passed', async () => {
    await start({ ...INSTANT_DURATIONS, blockMs: 60_000 });
    const res = await cloud.request('POST', '/blocks', {
      body: { region: 'fra', size_gb: 40, label: '  logs  ' },
    });
    expect(res.status).toBe(202);
    const block = blockResponseSchema.parse(res.body).block;
    expect(block).toEqual({
      id: expect.stringMatching(/^blk_[0-9A-Za-z]{24}$/),
      label: 'logs',
      region: 'fra',
      size_gb: 40,
      status: 'pending',
      attached_to_instance_id: null,
      created_at: expect.stringMatching(/Z$/),
    });
    expect(res.headers.get('location')).toBe(`/v1/blocks/${block.id}`);
    expect((await getBlock(block.id)).status).toBe('pending');
    // Real time still flows under the offset, so stop a little short of the due time.
    cloud.clock.advance(55_000);
    expect((await getBlock(block.id)).status).toBe('pending');
    cloud.clock.advance(5_000);
    expect(await getBlock(block.id)).toEqual({ ...block, status: 'active' });
  });

  it('created attached: shows the instance at once, emits block.attached when it becomes active', async () => {
    await start();
    const instance = await createInstance();
    const block = await createBlock({ attached_to_instance_id: instance });
    expect(block).toMatchObject({ status: 'pending', attached_to_instance_id: instance });
    const active = await getBlock(block.id);
    expect(active).toMatchObject({ status: 'active', attached_to_instance_id: instance });
    expect(outbox()).toEqual([{ type: 'block.attached', data: { block: active, instance_id: instance } }]);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    [
      'an unknown region',
      { region: 'mars' },
      'region',
      /^must be a region id: one of ams, fra, lon, nyc, sgp, tyo$/,
    ],
    ['a region without block storage', { region: 'sfo' }, 'region', /block storage \(sfo has none\)/],
    ['size below 10 GB', { size_gb: 9 }, 'size_gb', /at least 10/],
    ['size above 10000 GB', { size_gb: 10001 }, 'size_gb', /at most 10000/],
    ['a fractional size', { size_gb: 10.5 }, 'size_gb', /whole number/],
    ['a size as a string', { size_gb: '10' }, 'size_gb', /must be a number/],
    ['a blank label', { label: ' ' }, 'label', /must not be empty/],
    ['a missing label', { label: undefined }, 'label', /is required/],
    ['a malformed instance id', { attached_to_instance_id: 'blk_1' }, 'attached_to_instance_id', /inst_/],
    [
      'an unknown instance',
      { attached_to_instance_id: 'inst_nope' },
      'attached_to_instance_id',
      /existing instance/,
    ],
    ['a status (read-only)', { status: 'active' }, 'status', /not a field/],
  ])('refuses %s with 400 on the field', async (_, change, field, reason) => {
    await start();
    const res = await cloud.request('POST', '/blocks', {
      body: { region: 'ams', size_gb: 10, label: 'data', ...change },
    });
    expectFieldError(res, field, reason);
  });

  it('refuses an attachment to an instance in another region (400) or one not yet active (409)', async () => {
    await start();
    const elsewhere = await createInstance('fra');
    expectFieldError(
      await cloud.request('POST', '/blocks', {
        body: { region: 'ams', size_gb: 10, label: 'x', attached_to_instance_id: elsewhere },
      }),
      'attached_to_instance_id',
      /in region ams.*is in fra/,
    );
    await cloud.close();
    await start({ ...INSTANT_DURATIONS, provisionMs: 3_600_000 });
    const pending = await createInstance();
    const error = expectError(
      await cloud.request('POST', '/blocks', {
        body: { region: 'ams', size_gb: 10, label: 'x', attached_to_instance_id: pending },
      }),
      409,
      'conflict',
    );
    expect(error.details).toMatchObject({ instance_id: pending, instance_status: 'pending' });
  });
});

describe('POST /blocks/{id}/attach and /detach', () => {
  it('attaches and detaches an active volume, emitting one event each in the outbox', async () => {
    await start();
    const instance = await createInstance();
    const block = await createBlock();
    await getBlock(block.id);

    const attached = await attach(block.id, instance);
    expect(attached.status).toBe(202);
    const afterAttach = blockResponseSchema.parse(attached.body).block;
    expect(afterAttach).toEqual({ ...block, status: 'active', attached_to_instance_id: instance });
    expect(await getBlock(block.id)).toEqual(afterAttach);

    const detached = await cloud.request('POST', `/blocks/${block.id}/detach`);
    expect(detached.status).toBe(202);
    const afterDetach = blockResponseSchema.parse(detached.body).block;
    expect(afterDetach.attached_to_instance_id).toBeNull();

    expect(outbox()).toEqual([
      { type: 'block.attached', data: { block: afterAttach, instance_id: instance } },
      { type: 'block.detached', data: { block: afterDetach, instance_id: instance } },
    ]);
  });

  it('detaching a detached volume is a 202 no-op without an event', async () => {
    await start();
    const block = await createBlock();
    const res = await cloud.request('POST', `/blocks/${block.id}/detach`, { body: {} });
    expect(res.status).toBe(202);
    expect(blockResponseSchema.parse(res.body).block).toEqual({ ...block, status: 'active' });
    expect(outbox()).toEqual([]);
  });

  it('refuses a volume that is attached already with 409 resource_in_use, naming the instance', async () => {
    await start();
    const first = await createInstance();
    const second = await createInstance();
    const block = await createBlock({ attached_to_instance_id: first });
    await getBlock(block.id);
    for (const target of [second, first]) {
      const error = expectError(await attach(block.id, target), 409, 'resource_in_use');
      expect(error.details).toEqual({
        resource: 'block',
        id: block.id,
        attached_to_instance_id: first,
        held_by: [first],
      });
    }
  });

  it('refuses another region (400), a pending volume (409), a pending instance (409)', async () => {
    await start({ ...INSTANT_DURATIONS, blockMs: 3_600_000 });
    const inFra = await createInstance('fra');
    const inAms = await createInstance();
    const pendingBlock = await createBlock();
    expectFieldError(await attach(pendingBlock.id, inFra), 'instance_id', /in region ams/);
    const error = expectError(await attach(pendingBlock.id, inAms), 409, 'conflict');
    expect(error.details).toEqual({ id: pendingBlock.id, status: 'pending', retryable: true });
    await cloud.close();

    await start({ ...INSTANT_DURATIONS, provisionMs: 3_600_000 });
    const block = await createBlock();
    const pendingInstance = await createInstance();
    const refused = expectError(await attach(block.id, pendingInstance), 409, 'conflict');
    expect(refused.details).toMatchObject({
      field: 'instance_id',
      instance_status: 'pending',
      retryable: true,
    });
    expect(outbox()).toEqual([]);
  });

  it('refuses unknown ids and bad bodies', async () => {
    await start();
    const block = await createBlock();
    expectError(await attach('blk_nope', 'inst_x'), 404, 'not_found');
    expectError(await cloud.request('POST', '/blocks/blk_nope/detach'), 404, 'not_found');
    expectFieldError(await attach(block.id, 'inst_nope'), 'instance_id', /existing instance/);
    expectFieldError(
      await cloud.request('POST', `/blocks/${block.id}/attach`, { body: {} }),
      'instance_id',
      /required/,
    );
    expectFieldError(
      await cloud.request('POST', `/blocks/${block.id}/attach`, {
        body: { instance_id: 'inst_x', force: true },
      }),
      'force',
      /not a field/,
    );
  });

  it('deleting an instance detaches its volumes and emits block.detached', async () => {
    await start();
    const instance = await createInstance();
    const block = await createBlock({ attached_to_instance_id: instance });
    await getBlock(block.id);
    expect((await cloud.request('DELETE', `/instances/${instance}`)).status).toBe(204);
    const after = await getBlock(block.id);
    expect(after.attached_to_instance_id).toBeNull();
    expect(outbox().map((e) => [e.type, e.data.instance_id, e.data.block.attached_to_instance_id])).toEqual([
      ['block.attached', instance, instance],
      ['block.detached', instance, null],
    ]);
  });
});

describe('PATCH /blocks/{id}', () => {
  it('relabels and grows; the same size is accepted', async () => {
    await start();
    const block = await createBlock({ size_gb: 50 });
    const grown = await cloud.request('PATCH', `/blocks/${block.id}`, {
      body: { size_gb: 80, label: 'bigger' },
    });
    expect(grown.status).toBe(200);
    expect(blockResponseSchema.parse(grown.body).block).toMatchObject({ size_gb: 80, label: 'bigger' });
    const same = await cloud.request('PATCH', `/blocks/${block.id}`, { body: { size_gb: 80 } });
    expect(blockResponseSchema.parse(same.body).block).toMatchObject({ size_gb: 80, label: 'bigger' });
  });

  it('refuses to shrink with 400 size_gb and changes nothing', async () => {
    await start();
    const block = await createBlock({ size_gb: 50 });
    const res = await cloud.request('PATCH', `/blocks/${block.id}`, { body: { size_gb: 40, label: 'new' } });
    expectFieldError(res, 'size_gb', /^must be at least the current size of 50 GB \(a volume only grows\)$/);
    expect(await getBlock(block.id)).toMatchObject({ size_gb: 50, label: 'data' });
  });

  it('refuses read-only fields and unknown ids', async () => {
    await start();
    const block = await createBlock();
    expectFieldError(
      await cloud.request('PATCH', `/blocks/${block.id}`, { body: { region: 'fra' } }),
      'region',
      /not a field/,
    );
    expectError(await cloud.request('PATCH', '/blocks/blk_nope', { body: { label: 'x' } }), 404, 'not_found');
  });
});

describe('DELETE /blocks/{id}', () => {
  it('deletes a detached volume (204) and refuses an attached one (409 resource_in_use)', async () => {
    await start();
    const instance = await createInstance();
    const attached = await createBlock({ attached_to_instance_id: instance });
    const error = expectError(
      await cloud.request('DELETE', `/blocks/${attached.id}`),
      409,
      'resource_in_use',
    );
    expect(error.details).toEqual({
      resource: 'block',
      id: attached.id,
      attached_to_instance_id: instance,
      held_by: [instance],
    });

    expect((await cloud.request('POST', `/blocks/${attached.id}/detach`)).status).toBe(202);
    expect((await cloud.request('DELETE', `/blocks/${attached.id}`)).status).toBe(204);
    expectError(await cloud.request('GET', `/blocks/${attached.id}`), 404, 'not_found');
    expectError(await cloud.request('DELETE', `/blocks/${attached.id}`), 404, 'not_found');
  });
});

describe('GET /blocks', () => {
  it('filters by region, label and attached_to_instance_id, sorts by label, pages', async () => {
    await start();
    const instance = await createInstance();
    await createBlock({ label: 'b' });
    await createBlock({ label: 'a', region: 'fra' });
    const onInstance = await createBlock({ label: 'c', attached_to_instance_id: instance });

    const labels = async (query: string) =>
      blockListSchema.parse((await cloud.request('GET', `/blocks${query}`)).body).blocks.map((b) => b.label);
    expect(await labels('?region=ams')).toEqual(['b', 'c']);
    expect(await labels('?label=a')).toEqual(['a']);
    expect(await labels(`?attached_to_instance_id=${instance}`)).toEqual([onInstance.label]);
    expect(await labels('?sort=label&order=desc')).toEqual(['c', 'b', 'a']);

    const first = blockListSchema.parse((await cloud.request('GET', '/blocks?per_page=2&sort=label')).body);
    expect(first.blocks.map((b) => b.label)).toEqual(['a', 'b']);
    expect(first.meta.total).toBe(3);
    const cursor = encodeURIComponent(first.meta.next_cursor ?? '');
    const second = blockListSchema.parse(
      (await cloud.request('GET', `/blocks?per_page=2&sort=label&cursor=${cursor}`)).body,
    );
    expect(second.blocks.map((b) => b.label)).toEqual(['c']);
    expect(second.meta.next_cursor).toBeNull();
  });

  it('refuses a bad sort and a cursor from another filter', async () => {
    await start();
    await createBlock();
    await createBlock();
    expectFieldError(await cloud.request('GET', '/blocks?sort=size_gb'), 'sort', /"created_at", "label"/);
    const page = blockListSchema.parse((await cloud.request('GET', '/blocks?per_page=1')).body);
    const cursor = encodeURIComponent(page.meta.next_cursor ?? '');
    expectFieldError(
      await cloud.request('GET', `/blocks?per_page=1&region=fra&cursor=${cursor}`),
      'cursor',
      /different/,
    );
  });
});
