/**
 * lightyear_snapshot: the model (no description is `""`), and through the framework server against a real
 * local cloud: create waits until complete, spellings plan empty, import fills everything, and a snapshot
 * that outlives the create's timeout stays in state, tainted.
 */
import type { Snapshot } from '../../../../src/api';
import { LightyearClient } from '../../../../src/client';
import { INSTANT_DURATIONS } from '../../../../src/cloud';
import type { ObjectValue, Value } from '../../../../src/provider/protocol/values';
import { createRequestFrom, stateFromApi } from '../../../../src/provider/resources/snapshot/model';
import { snapshotResource } from '../../../../src/provider/resources/snapshot/resource';
import { checkDescription, sameDescription } from '../../../../src/provider/resources/snapshot/rules';
import { errorsOf, frameworkHarness } from '../../../helpers/framework-harness';
import { startTestCloud, type TestCloud } from '../../../helpers/local-cloud';

const snapshot: Snapshot = {
  id: 'snap_1',
  instance_id: 'inst_1',
  description: null,
  status: 'complete',
  size_gb: 25,
  created_at: '2026-01-01T00:00:00Z',
};

function config(over: Record<string, Value> = {}): ObjectValue {
  return {
    id: null,
    instance_id: 'inst_1',
    description: null,
    status: null,
    size_gb: null,
    created_at: null,
    timeouts: null,
    ...over,
  };
}

describe('snapshot model and rules', () => {
  it('reads no description as "", and sends a blank one as none', () => {
    expect(stateFromApi(snapshot, null).description).toBe('');
    expect(createRequestFrom(config({ description: '  ' }))).toEqual({ instance_id: 'inst_1' });
    expect(createRequestFrom(config({ description: ' nightly\n' }))).toEqual({
      instance_id: 'inst_1',
      description: 'nightly',
    });
  });

  it('treats blank and trimmed spellings as the same description', () => {
    expect(sameDescription('', '  ')).toBe(true);
    expect(sameDescription(' nightly ', 'nightly')).toBe(true);
    expect(sameDescription('nightly', 'weekly')).toBe(false);
  });

  it('refuses what the API would: too long, or a control character', () => {
    expect(checkDescription('')).toBeUndefined();
    expect(checkDescription('x'.repeat(256))).toMatch(/at most 255 characters/);
    expect(checkDescription('a\u0000b')).toMatch(/^description .*U\+0000/);
  });
});

describe('lightyear_snapshot through the framework server', () => {
  let cloud: TestCloud;
  let client: LightyearClient;

  afterEach(async () => {
    await client.close();
    await cloud.close();
  });

  async function start(snapshotMs: number) {
    cloud = await startTestCloud({ lifecycle: { ...INSTANT_DURATIONS, snapshotMs } });
    client = new LightyearClient({ apiKey: cloud.apiKey, endpoint: cloud.url });
    const instance = await client.instances.create({
      region: 'ams',
      plan: 'vc2-1c-1gb',
      image: 'debian-12',
      label: 'web',
    });
    return { h: await frameworkHarness(snapshotResource, client), instanceId: instance.id };
  }

  it('creates a complete snapshot; blank and omitted descriptions plan empty; imports to the same state', async () => {
    const { h, instanceId } = await start(0);
    const state = await h.converge(null, config({ instance_id: instanceId, description: '' }));
    expect(state).toMatchObject({
      instance_id: instanceId,
      description: '',
      status: 'complete',
      size_gb: 25,
    });
    for (const description of ['', '  ', null]) {
      const plan = await h.plan(state, config({ instance_id: instanceId, description }));
      expect(plan.requiresReplace).toEqual([]);
      expect(plan.planned).toEqual(state);
    }
    expect(
      (await h.plan(state, config({ instance_id: instanceId, description: 'x' }))).requiresReplace,
    ).toEqual([['description']]);
    const imported = await h.importState(state.id as string);
    expect((await h.read(imported.state!)).state).toEqual(state);
  });

  it('keeps a snapshot that is still pending when timeouts.create runs out, for Terraform to taint', async () => {
    const { h, instanceId } = await start(60_000);
    const planned = (await h.plan(null, config({ instance_id: instanceId, timeouts: { create: '1s' } })))
      .planned;
    const applied = await h.apply(
      null,
      planned,
      config({ instance_id: instanceId, timeouts: { create: '1s' } }),
    );
    expect(errorsOf(applied.diagnostics)[0]!.summary).toMatch(/^Timed out waiting for snapshot snap_/);
    expect(applied.diagnostics[0]!.detail).toContain('timeouts.create');
    expect(applied.state).toMatchObject({ instance_id: instanceId, status: 'pending' });
    const [remote] = await client.snapshots.listAll({ instance_id: instanceId });
    expect(applied.state!.id).toBe(remote!.id);
  });
});
