/**
 * lightyear_block_storage's plans through the framework server in-process, against a real local cloud over
 * HTTP (transitions instant): a shrink is refused on size_gb at plan time, a grow is an update in place,
 * spellings plan empty, a region without block storage is refused at plan time.
 */
import { LightyearClient } from '../../../../src/client';
import { INSTANT_DURATIONS } from '../../../../src/cloud';
import type { ObjectValue, Value } from '../../../../src/provider/protocol/values';
import { Unknown } from '../../../../src/provider/protocol/values';
import { blockStorageResource } from '../../../../src/provider/resources/block-storage/resource';
import { errorsOf, frameworkHarness, type FrameworkHarness } from '../../../helpers/framework-harness';
import { startTestCloud, type TestCloud } from '../../../helpers/local-cloud';

let cloud: TestCloud;
let client: LightyearClient;
let h: FrameworkHarness;

beforeAll(async () => {
  cloud = await startTestCloud({ lifecycle: INSTANT_DURATIONS });
  client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url });
  h = await frameworkHarness(blockStorageResource, client);
});

afterAll(async () => {
  await client.close();
  await cloud.close();
});

function config(over: Record<string, Value> = {}): ObjectValue {
  return {
    id: null,
    label: 'data',
    region: 'ams',
    size_gb: 20,
    status: null,
    attached_to_instance_id: null,
    created_at: null,
    timeouts: null,
    ...over,
  };
}

describe('lightyear_block_storage plans', () => {
  let state: ObjectValue;

  beforeAll(async () => {
    state = await h.converge(null, config());
  });

  it('creates an active volume, and then plans no change', async () => {
    expect(state).toMatchObject({ label: 'data', region: 'ams', size_gb: 20, status: 'active' });
    expect(state.id).toMatch(/^blk_/);
    const again = await h.plan(state, config());
    expect(again.planned).toEqual(state);
    expect(again.requiresReplace).toEqual([]);
  });

  it('refuses a smaller size at plan time, on size_gb, saying the volume only grows', async () => {
    const plan = await h.plan(state, config({ size_gb: 10 }));
    expect(errorsOf(plan.diagnostics)).toEqual([
      { summary: 'Block storage cannot shrink', path: ['size_gb'] },
    ]);
    expect(plan.diagnostics[0]!.detail).toMatch(/current size of 20 GB.*only grows/);
    expect(plan.requiresReplace).toEqual([]);
  });

  it('plans a grow as an update in place, and applies it', async () => {
    const plan = await h.plan(state, config({ size_gb: 40 }));
    expect(errorsOf(plan.diagnostics)).toEqual([]);
    expect(plan.requiresReplace).toEqual([]);
    expect(plan.planned).toMatchObject({ size_gb: 40, id: state.id, status: 'active' });
    // The attachment may change in the same apply (a detach ordered before this update): known after apply.
    expect(plan.planned!.attached_to_instance_id).toBeInstanceOf(Unknown);
    const applied = await h.apply(state, plan.planned, config({ size_gb: 40 }));
    expect(applied.diagnostics).toEqual([]);
    expect((await client.blocks.get(state.id as string)).size_gb).toBe(40);
    state = applied.state!;
  });

  it('plans equivalent spellings of label and region as no change', async () => {
    const plan = await h.plan(state, config({ size_gb: 40, label: ' data\n', region: 'AMS' }));
    expect(plan.planned).toEqual(state);
    expect(plan.requiresReplace).toEqual([]);
  });

  it('replaces the volume when the region changes', async () => {
    const plan = await h.plan(state, config({ size_gb: 40, region: 'fra' }));
    expect(plan.requiresReplace).toEqual([['region']]);
  });

  it('refuses a region without block storage, or no region at all, at plan time on region', async () => {
    for (const region of ['syd', 'mars']) {
      const plan = await h.plan(null, config({ region }));
      expect(errorsOf(plan.diagnostics)).toEqual([{ summary: 'Invalid region', path: ['region'] }]);
      expect(plan.diagnostics[0]!.detail).toContain('block storage is offered in ams, fra');
    }
  });

  it('refuses sizes out of range at validate time', async () => {
    const diagnostics = await h.validate(config({ size_gb: 5 }));
    expect(errorsOf(diagnostics).map((d) => d.path)).toEqual([['size_gb']]);
  });

  it('imports by id with every attribute filled, and refuses an id of another kind', async () => {
    const imported = await h.importState(state.id as string);
    const read = await h.read(imported.state!);
    expect(read.state).toEqual({ ...state, timeouts: null });
    const bad = await h.importState('inst_1');
    expect(errorsOf(bad.diagnostics)[0]!.summary).toBe('Invalid import id');
  });

  it('leaves state when the volume was deleted behind its back', async () => {
    const other = await h.converge(null, config({ label: 'gone' }));
    await client.blocks.delete(other.id as string);
    expect((await h.read(other)).state).toBeNull();
  });
});

describe('lightyear_block_storage delete', () => {
  async function attachedVolume(label: string, timeouts: Value = null) {
    const state = await h.converge(null, config({ label, timeouts }));
    const instance = await client.instances.create({
      region: 'ams',
      plan: 'vc2-1c-1gb',
      image: 'debian-12',
      label: `holds-${label}`,
    });
    await client.blocks.attach(state.id as string, instance.id);
    return { state, instance };
  }

  it('retries while the volume is attached, and deletes it once it is detached', async () => {
    const { state, instance } = await attachedVolume('held-briefly');
    const deleting = h.apply(state, null, null);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await client.blocks.detach(state.id as string);
    const deleted = await deleting;
    expect(errorsOf(deleted.diagnostics)).toEqual([]);
    await expect(client.blocks.get(state.id as string)).rejects.toMatchObject({ code: 'not_found' });
    await client.instances.delete(instance.id);
  });

  it('gives up after timeouts.delete, naming the instance it is attached to and how to free it', async () => {
    const { state, instance } = await attachedVolume('held-on', { delete: '2s' });
    const deleted = await h.apply(state, null, null);
    expect(errorsOf(deleted.diagnostics)).toEqual([
      { summary: 'Block storage volume still in use', path: [] },
    ]);
    const detail = deleted.diagnostics[0]?.detail ?? '';
    expect(detail).toContain(
      `Block storage volume ${state.id as string} is still attached to instance ${instance.id}`,
    );
    expect(detail).toContain('lightyear_block_storage_attachment');
    expect(detail).toContain('timeouts.delete');
    // Nothing was lost: the volume is still there, still attached.
    expect((await client.blocks.get(state.id as string)).attached_to_instance_id).toBe(instance.id);
    await client.instances.delete(instance.id);
  });
});
