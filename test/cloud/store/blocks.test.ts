import type { Block } from '../../../src/api';
import { BlockStore } from '../../../src/cloud/store/blocks';
import { openDatabase } from '../../../src/cloud/store/database';
import { EventStore } from '../../../src/cloud/store/events';

const db = openDatabase();
afterAll(() => db.close());
let blocks: BlockStore;
let events: EventStore;
beforeEach(() => {
  db.exec('DELETE FROM blocks; DELETE FROM events');
  events = new EventStore(db);
  blocks = new BlockStore(db, events);
});

const T0 = '2030-01-01T00:00:00.000Z';
const T1 = '2030-01-01T00:00:01.500Z';
let counter = 0;

function insert(overrides: Partial<Block> = {}, dueAt: string | null = T1): Block {
  counter += 1;
  const block: Block = {
    id: `blk_${counter}`,
    label: 'data',
    region: 'ams',
    size_gb: 10,
    status: 'pending',
    attached_to_instance_id: null,
    created_at: T0,
    ...overrides,
  };
  blocks.insert(block, dueAt);
  return block;
}

const emitted = () => events.after(0).map((e) => [e.type, e.data.instance_id, (e.data.block as Block).id]);

describe('BlockStore.activateDue', () => {
  it('activates exactly the volumes that are due, once', () => {
    const due = insert();
    const later = insert({}, '2030-01-01T00:00:02.000Z');
    expect(blocks.activateDue('2030-01-01T00:00:01.499Z')).toEqual([]);
    expect(blocks.activateDue(T1).map((b) => b.id)).toEqual([due.id]);
    expect(blocks.activateDue(T1)).toEqual([]);
    expect(blocks.get(due.id)?.status).toBe('active');
    expect(blocks.get(later.id)?.status).toBe('pending');
  });

  it('completes a reserved attachment with block.attached, and only then', () => {
    const block = insert({ attached_to_instance_id: 'inst_a' });
    insert();
    expect(emitted()).toEqual([]);
    blocks.activateDue(T1);
    expect(emitted()).toEqual([['block.attached', 'inst_a', block.id]]);
    expect(events.after(0)[0]?.data.block).toEqual({ ...block, status: 'active' });
  });
});

describe('BlockStore.detachAllFrom', () => {
  it('detaches every volume of the instance; only completed attachments emit block.detached', () => {
    const active = insert({ attached_to_instance_id: 'inst_a' });
    blocks.activateDue(T1);
    const reserved = insert({ attached_to_instance_id: 'inst_a' }, '2031-01-01T00:00:00.000Z');
    const other = insert({ attached_to_instance_id: 'inst_b' });

    const detached = blocks.detachAllFrom('inst_a', T1);
    expect(detached.map((b) => [b.id, b.attached_to_instance_id])).toEqual([
      [active.id, null],
      [reserved.id, null],
    ]);
    expect(blocks.get(other.id)?.attached_to_instance_id).toBe('inst_b');
    expect(emitted()).toEqual([
      ['block.attached', 'inst_a', active.id],
      ['block.detached', 'inst_a', active.id],
    ]);
    // The reserved attachment is gone, so activation no longer announces one.
    blocks.activateDue('2031-01-01T00:00:00.000Z');
    expect(emitted().map(([type, instance]) => `${type} ${instance}`)).toEqual([
      'block.attached inst_a',
      'block.detached inst_a',
      'block.attached inst_b',
    ]);
  });

  it('is a no-op for an instance without volumes', () => {
    insert();
    expect(blocks.detachAllFrom('inst_none', T1)).toEqual([]);
    expect(emitted()).toEqual([]);
  });

  it('rolls back with the caller: neither the detachment nor its event survives', () => {
    insert({ attached_to_instance_id: 'inst_a' });
    blocks.activateDue(T1);
    expect(() =>
      db.transaction(() => {
        blocks.detachAllFrom('inst_a', T1);
        throw new Error('instance deletion failed');
      })(),
    ).toThrow('instance deletion failed');
    expect(blocks.listAttachedTo('inst_a')).toHaveLength(1);
    expect(emitted().map(([type]) => type)).toEqual(['block.attached']);
  });
});

describe('BlockStore.attach, detach and update', () => {
  it('attach and detach emit with the volume as it is after the change', () => {
    const block = insert();
    blocks.activateDue(T1);
    const attached = blocks.attach(block.id, 'inst_a', T1);
    expect(attached?.attached_to_instance_id).toBe('inst_a');
    const detached = blocks.detach(block.id, T1);
    expect(detached?.attached_to_instance_id).toBeNull();
    expect(events.after(0).map((e) => e.data)).toEqual([
      { block: attached, instance_id: 'inst_a' },
      { block: detached, instance_id: 'inst_a' },
    ]);
    expect(blocks.detach(block.id, T1)).toEqual(detached);
    expect(events.after(0)).toHaveLength(2);
  });

  it('answers undefined for unknown ids', () => {
    expect(blocks.get('blk_x')).toBeUndefined();
    expect(blocks.attach('blk_x', 'inst_a', T1)).toBeUndefined();
    expect(blocks.detach('blk_x', T1)).toBeUndefined();
    expect(blocks.update('blk_x', { label: 'y' })).toBeUndefined();
    expect(blocks.delete('blk_x')).toBe(false);
    expect(emitted()).toEqual([]);
  });

  it('update keeps fields that are not given', () => {
    const block = insert({ size_gb: 20 });
    expect(blocks.update(block.id, { label: 'renamed' })).toEqual({ ...block, label: 'renamed' });
    expect(blocks.update(block.id, { size_gb: 30 })).toEqual({ ...block, label: 'renamed', size_gb: 30 });
  });
});
