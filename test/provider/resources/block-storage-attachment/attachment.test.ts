/**
 * lightyear_block_storage_attachment in-process against a real local cloud: the model's reading of a volume,
 * replacement on either id, import by volume id, and detach only of its own attachment.
 */
import type { Block } from '../../../../src/api';
import { LightyearClient } from '../../../../src/client';
import { INSTANT_DURATIONS } from '../../../../src/cloud';
import type { ObjectValue } from '../../../../src/provider/protocol/values';
import { stateFromBlock } from '../../../../src/provider/resources/block-storage-attachment/model';
import { blockStorageAttachmentResource } from '../../../../src/provider/resources/block-storage-attachment/resource';
import { errorsOf, frameworkHarness, type FrameworkHarness } from '../../../helpers/framework-harness';
import { startTestCloud, type TestCloud } from '../../../helpers/local-cloud';

const block: Block = {
  id: 'blk_1',
  label: 'data',
  region: 'ams',
  size_gb: 20,
  status: 'active',
  attached_to_instance_id: 'inst_1',
  created_at: '2026-01-01T00:00:00Z',
};

describe('stateFromBlock', () => {
  it('is the attachment when the volume is attached to the instance (or to any, after an import)', () => {
    const state = { id: 'blk_1', block_id: 'blk_1', instance_id: 'inst_1', timeouts: null };
    expect(stateFromBlock(block, 'inst_1', null)).toEqual(state);
    expect(stateFromBlock(block, null, null)).toEqual(state);
  });

  it('is gone when the volume is detached or attached to another instance', () => {
    expect(stateFromBlock({ ...block, attached_to_instance_id: null }, 'inst_1', null)).toBeNull();
    expect(stateFromBlock(block, 'inst_2', null)).toBeNull();
  });
});

describe('lightyear_block_storage_attachment', () => {
  let cloud: TestCloud;
  let client: LightyearClient;
  let h: FrameworkHarness;

  beforeAll(async () => {
    cloud = await startTestCloud({ lifecycle: INSTANT_DURATIONS });
    client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url });
    h = await frameworkHarness(blockStorageAttachmentResource, client);
  });

  afterAll(async () => {
    await client.close();
    await cloud.close();
  });

  const instance = () =>
    client.instances.create({ region: 'ams', plan: 'vc2-1c-1gb', image: 'debian-12', label: 'web' });
  const volume = () => client.blocks.create({ region: 'ams', size_gb: 10, label: 'data' });
  const config = (blockId: string, instanceId: string): ObjectValue => ({
    id: null,
    block_id: blockId,
    instance_id: instanceId,
    timeouts: null,
  });

  it('attaches, plans no change, replaces on either id, imports by volume id, and detaches', async () => {
    const [web, other, data] = await Promise.all([instance(), instance(), volume()]);
    const state = await h.converge(null, config(data.id, web.id));
    expect(state).toEqual({ id: data.id, block_id: data.id, instance_id: web.id, timeouts: null });
    expect((await client.blocks.get(data.id)).attached_to_instance_id).toBe(web.id);
    expect((await h.plan(state, config(data.id, web.id))).planned).toEqual(state);
    expect((await h.plan(state, config(data.id, other.id))).requiresReplace).toEqual([['instance_id']]);

    const imported = await h.importState(data.id);
    expect((await h.read(imported.state!)).state).toEqual(state);
    expect(errorsOf((await h.importState(web.id)).diagnostics)[0]!.summary).toBe('Invalid import id');

    const destroyed = await h.apply(state, null, null);
    expect(destroyed.diagnostics).toEqual([]);
    expect((await client.blocks.get(data.id)).attached_to_instance_id).toBeNull();
    // Detached already: reading finds it gone, destroying again is a success.
    expect((await h.read(state)).state).toBeNull();
    expect((await h.apply(state, null, null)).diagnostics).toEqual([]);
  });

  it('never detaches a volume that has since been attached to another instance', async () => {
    const [web, other, data] = await Promise.all([instance(), instance(), volume()]);
    const state = await h.converge(null, config(data.id, web.id));
    await client.blocks.detach(data.id);
    await client.blocks.attach(data.id, other.id);
    expect((await h.read(state)).state).toBeNull();
    expect((await h.apply(state, null, null)).diagnostics).toEqual([]);
    expect((await client.blocks.get(data.id)).attached_to_instance_id).toBe(other.id);
  });

  it('adopts an attachment to the same instance made outside Terraform; refuses one to another instance', async () => {
    const [web, other, data] = await Promise.all([instance(), instance(), volume()]);
    await client.blocks.attach(data.id, web.id);
    const state = await h.converge(null, config(data.id, web.id));
    expect(state.instance_id).toBe(web.id);
    const plan = await h.plan(null, config(data.id, other.id));
    const applied = await h.apply(null, plan.planned, config(data.id, other.id));
    expect(errorsOf(applied.diagnostics)[0]!.summary).toMatch(/still in use/);
    expect(applied.diagnostics[0]!.detail).toContain(web.id);
  });

  it('refuses ids of the wrong kind at validate time', async () => {
    const diagnostics = await h.validate(config('inst_1', 'blk_1'));
    expect(errorsOf(diagnostics).map((d) => d.path)).toEqual([['block_id'], ['instance_id']]);
  });
});
